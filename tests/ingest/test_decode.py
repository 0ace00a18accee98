"""Decoding: BOM, declarations, UTF-8, then legacy encodings chosen sensibly."""

from __future__ import annotations

import codecs

import pytest

from watchfloor.errors import UndecodableText
from watchfloor.ingest.decode import charset_from_media_type, declared_charset, decode_text

FRENCH = "Le café était plein de réfugiés à Hasakah; l'armée a déclaré que la prison était sûre."
GERMAN = "Die Gefängnisse in Nordostsyrien wären überfüllt, sagte der Sprecher gegenüber Reportern."
ARABIC = "هاجم مقاتلو تنظيم الدولة سجن غويران في الحسكة ليلة الخميس، وفقاً لقوات سوريا الديمقراطية."
RUSSIAN = "Боевики атаковали тюрьму в Хасаке, сообщили Сирийские демократические силы."


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (FRENCH, "latin-1"),
        (GERMAN, "latin-1"),
        ("The café – “quoted” text, naïve façade.", "cp1252"),
        (ARABIC, "cp1256"),
        (RUSSIAN, "cp1251"),
        (ARABIC, "utf-8"),
    ],
)
def test_decode_text_legacy_encodings_round_trip(text, encoding):
    decoded, _used = decode_text(text.encode(encoding))
    assert decoded == text


def test_decode_text_bom_wins():
    raw = codecs.BOM_UTF16_LE + "ISIS attacked the prison.".encode("utf-16-le")
    assert decode_text(raw)[0] == "ISIS attacked the prison."


def test_decode_text_bom_with_invalid_bytes_is_undecodable():
    with pytest.raises(UndecodableText) as caught:
        decode_text(codecs.BOM_UTF8 + b"abc \xff\xfe def")
    assert caught.value.code == "WF-I004"


def test_decode_text_declared_charset_used_when_it_fits():
    raw = ARABIC.encode("cp1256")
    assert decode_text(raw, ("windows-1256",)) == (ARABIC, "cp1256")


def test_decode_text_wrong_declaration_falls_back_to_bytes():
    raw = ARABIC.encode("utf-8")
    text, used = decode_text(raw, ("ascii",))
    assert text == ARABIC
    assert used == "utf-8"


def test_declared_charset_from_meta_and_xml():
    assert declared_charset(b'<html><head><meta charset="windows-1256">') == "windows-1256"
    meta = b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
    assert declared_charset(meta) == "ISO-8859-1"
    assert declared_charset(b"<?xml version='1.0' encoding='cp1251'?><rss/>") == "cp1251"
    assert declared_charset(b"<p>none</p>") is None


def test_charset_from_media_type_reads_parameter():
    assert charset_from_media_type("text/html; charset=UTF-8") == "UTF-8"
    assert charset_from_media_type("text/html") is None
    assert charset_from_media_type(None) is None
