"""The shared XML reader: unsafe documents refused, damaged ones described where they break."""

import pytest

from orchestration.lib import safe_xml
from orchestration.lib.errors import SourceFormatError


def test_a_dtd_is_refused_naming_whose_file_it_is(tmp_path):
    path = tmp_path / "list.xml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><lolz>&lol;</lolz>')
    with pytest.raises(SourceFormatError) as refused:
        safe_xml.read_root(path, "the UN list")
    assert "<!DOCTYPE lolz" in str(refused.value) and "the UN list never has one" in str(refused.value)
    # the peek still tells what the file claims to be, without expanding anything
    assert safe_xml.peek_root(path).tag == "lolz"


def test_a_file_cut_short_says_so(tmp_path):
    path = tmp_path / "list.xml"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<LIST>\n  <ENTRY>')
    with pytest.raises(SourceFormatError) as refused:
        list(safe_xml.iter_events(path, "OFAC's XML"))
    assert "line 3" in str(refused.value) and "cut short" in str(refused.value)


def test_a_bad_byte_is_named_with_its_position(tmp_path):
    path = tmp_path / "list.xml"
    path.write_bytes(b'<?xml version="1.0" encoding="UTF-8"?>\n<LIST>\n  <NAME>KIM \xff</NAME>\n</LIST>\n')
    with pytest.raises(SourceFormatError) as refused:
        safe_xml.read_root(path, "the FCDO list")
    message = str(refused.value)
    assert "invalid UTF-8 byte 0xFF at line 3, column 13" in message and "1 invalid UTF-8 sequence" in message


def test_a_readable_file_and_a_missing_one(tmp_path):
    path = tmp_path / "list.xml"
    path.write_text("<LIST><ENTRY id='1'/></LIST>")
    assert safe_xml.read_root(path, "the UN list").find("ENTRY").get("id") == "1"
    assert safe_xml.peek_root(tmp_path / "absent.xml") is None
    with pytest.raises(SourceFormatError, match="cannot read the file"):
        safe_xml.read_root(tmp_path / "absent.xml", "the UN list")
