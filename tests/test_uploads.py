"""Upload checks: who may upload, how big, what name, what content."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from policybot.errors import PolicybotError, UnsupportedFormatError
from policybot.settings import Settings
from policybot.web.uploads import (
    UploadError,
    check_credentials,
    check_meta,
    read_upload,
    safe_name,
    store_upload,
)

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
TEXT = "一、总体目标\n到2025年，培育专精特新企业600家。\n".encode()


def zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "hello")
    return buf.getvalue()


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(state_dir=tmp_path / "state", admin_user="official", admin_password="s3cret-pass", upload_max_mb=1)


# --- sign-in


@pytest.mark.parametrize(
    ("user", "password", "ok"),
    [
        ("official", "s3cret-pass", True),
        ("official", "wrong", False),
        ("Official", "s3cret-pass", False),
        ("", "", False),
        ("official", "s3cret-pass ", False),
    ],
)
def test_credentials_must_match_exactly(settings, user, password, ok):
    assert check_credentials(settings, user, password) is ok


def test_without_admin_credentials_nobody_signs_in_and_uploads_are_off(tmp_path):
    off = Settings(state_dir=tmp_path)
    assert not check_credentials(off, "", "")
    with pytest.raises(UploadError, match="POLICYBOT_ADMIN_USER"):
        store_upload(TEXT, "a.txt", off, signed_in=True)


def test_not_signed_in_is_rejected(settings):
    with pytest.raises(UploadError, match="登录"):
        store_upload(TEXT, "plan.txt", settings, signed_in=False)
    assert not settings.upload_dir.exists()


# --- names


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("淄博实施方案.pdf", "淄博实施方案.pdf"),
        ("C:\\Users\\me\\Desktop\\plan.pdf", "plan.pdf"),
        ("a/b/c.txt", "c.txt"),
        ("my plan (final).txt", "my_plan_(final).txt"),
        (".hidden.txt", "hidden.txt"),
        ("ｐｌａｎ．ｔｘｔ", "plan.txt"),  # full width folded
    ],
)
def test_safe_name_keeps_only_a_plain_base_name(name, expected):
    assert safe_name(name) == expected


@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "..\\..\\windows\\win.ini", "ok/../../x.txt", "plan\x00.pdf", "plan\n.txt", "a\u202etxt.pdf"]
)
def test_dangerous_names_are_refused(name):
    with pytest.raises(UploadError):
        safe_name(name)


@pytest.mark.parametrize("name", ["", "/", "...", "///"])
def test_empty_names_are_refused(name):
    with pytest.raises(UploadError, match="空"):
        safe_name(name)


def test_traversal_name_writes_nothing(settings, tmp_path):
    with pytest.raises(UploadError):
        store_upload(TEXT, "../../etc/passwd", settings, signed_in=True)
    assert not settings.upload_dir.exists()
    assert not (tmp_path / "etc").exists()


def test_stored_file_stays_inside_the_upload_dir_under_a_fresh_folder(settings):
    a = store_upload(TEXT, "dir/plan.txt", settings, signed_in=True)
    b = store_upload(TEXT, "dir/plan.txt", settings, signed_in=True)
    root = settings.upload_dir.resolve()
    for s in (a, b):
        assert root in s.path.parents
        assert s.path.name == "plan.txt"
        assert s.path.read_bytes() == TEXT
    assert a.path != b.path


# --- size and content


def test_oversize_is_refused_before_anything_is_written(settings):
    big = b"a" * (1024 * 1024 + 1)
    with pytest.raises(UploadError, match="1 MB"):
        store_upload(big, "big.txt", settings, signed_in=True)
    assert not settings.upload_dir.exists()


def test_read_upload_refuses_oversize_and_reads_the_rest(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (1024 * 1024 + 1))
    with pytest.raises(UploadError, match="太大"):
        read_upload(big, max_mb=1)
    small = tmp_path / "small.txt"
    small.write_bytes(b"x")
    assert read_upload(small, max_mb=1) == b"x"


def test_a_pdf_named_txt_is_refused_with_the_rename(settings):
    with pytest.raises(UploadError, match=r"\.pdf"):
        store_upload(PDF, "notes.txt", settings, signed_in=True)
    assert not settings.upload_dir.exists()


def test_a_zip_named_pdf_is_refused(settings):
    with pytest.raises(UnsupportedFormatError, match="ZIP"):
        store_upload(zip_bytes(), "plan.pdf", settings, signed_in=True)
    assert not settings.upload_dir.exists()


def test_text_named_pdf_is_refused(settings):
    with pytest.raises(UploadError, match="不是 PDF"):
        store_upload(TEXT, "plan.pdf", settings, signed_in=True)


def test_markdown_keeps_md_and_html_is_html(settings):
    assert store_upload(TEXT, "plan.md", settings, signed_in=True).format == "md"
    html = "<!DOCTYPE html><html><body><p>一、总体目标</p></body></html>".encode()
    assert store_upload(html, "page.htm", settings, signed_in=True).format == "html"


def test_empty_file_is_refused(settings):
    with pytest.raises(UploadError, match="空"):
        store_upload(b"  \n", "plan.txt", settings, signed_in=True)


def test_every_refusal_is_a_policybot_error():
    assert issubclass(UploadError, PolicybotError)


# --- form metadata


def test_meta_is_trimmed_and_empty_fields_dropped():
    assert check_meta({"title": "  方案 ", "number": "", "date": "2023-02-06"}) == {"title": "方案", "date": "2023-02-06"}


@pytest.mark.parametrize("meta", [{"date": "2023年2月6日"}, {"title": "x" * 201}, {"issuer": "a\x07b"}])
def test_bad_meta_is_refused_with_a_remedy(meta):
    with pytest.raises(UploadError):
        check_meta(meta)


def test_fixture_pdf_is_accepted(fixtures):
    pdf = fixtures / "zibo-2023-implementation-plan.pdf"
    s = Settings(state_dir=Path("/nonexistent"), admin_user="a", admin_password="b")
    from policybot.web.uploads import check_upload

    assert check_upload(pdf.read_bytes(), pdf.name, max_mb=s.upload_max_mb) == "pdf"
