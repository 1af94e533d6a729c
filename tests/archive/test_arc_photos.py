"""Photos attached from files: large ones scaled, turned upright, refused when not a photo,
kept inside the database so that a backup and a restore bring them back."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from PIL import Image

from app.domain.validation import Invalid
from app.services import reports, visits
from app.services.photos import MAX_SIDE, attach_photo, prepare_image, thumbnail
from db.engine import Database


def jpeg(path, size, *, orientation=None, taken=None):
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    if taken:
        exif.get_ifd(0x8769)[0x9003] = taken
    image.save(path, "JPEG", quality=95, exif=exif.tobytes())
    return path


def test_a_camera_photo_is_scaled_and_keeps_its_date(demo_db, tmp_path):
    visit = visits.find_visit(demo_db, "DEMO-POZNAN-2013")
    src = jpeg(tmp_path / "big.jpg", (4000, 3000), taken="2013:11:13 10:15:00")
    photo = attach_photo(demo_db, visit.id, src, caption="Konferences atklāšana")
    image = Image.open(BytesIO(photo.data))
    assert max(image.size) == MAX_SIDE and image.size == (1600, 1200)
    assert photo.mime == "image/jpeg" and len(photo.data) < src.stat().st_size
    assert photo.taken == dt.date(2013, 11, 13)
    assert photo.filename == "big.jpg"
    stored = reports.list_attachments(demo_db, reports.report_for_visit(demo_db, visit.id).id)
    assert [a.caption for a in stored] == ["Konferences atklāšana"]


def test_a_portrait_photo_is_turned_upright(tmp_path):
    # Stored landscape with the "rotate 90°" tag, as phones do: the result is portrait.
    src = jpeg(tmp_path / "phone.jpg", (2000, 1000), orientation=6)
    prepared = prepare_image(src.read_bytes())
    assert (prepared.width, prepared.height) == (800, 1600)


def test_a_small_photo_is_kept_byte_for_byte(tmp_path):
    out = BytesIO()
    Image.new("RGBA", (300, 200), (10, 20, 30, 128)).save(out, "PNG")
    prepared = prepare_image(out.getvalue())
    assert prepared.data == out.getvalue() and prepared.mime == "image/png"
    assert Image.open(BytesIO(thumbnail(prepared.data))).size == (240, 160)


@pytest.mark.parametrize("content", [b"not an image at all", b"GIF89a" + b"\0" * 40])
def test_a_file_that_is_no_photo_is_refused_naming_the_file(demo_db, tmp_path, content):
    visit = visits.find_visit(demo_db, "DEMO-POZNAN-2013")
    bad = tmp_path / "notes.txt"
    bad.write_bytes(content)
    with pytest.raises(Invalid, match=r"notes\.txt"):
        attach_photo(demo_db, visit.id, bad)
    assert not reports.report_for_visit(demo_db, visit.id).attachments


def test_a_gif_is_refused(tmp_path):
    out = BytesIO()
    Image.new("RGB", (10, 10)).save(out, "GIF")
    with pytest.raises(Invalid, match="GIF"):
        prepare_image(out.getvalue())


def test_photos_survive_backup_and_restore(demo_db, tmp_path):
    from db.backup import backup_file, restore_file

    visit = visits.find_visit(demo_db, "DEMO-BERGEN-2014")
    photo = attach_photo(
        demo_db,
        visit.id,
        jpeg(tmp_path / "bir.jpg", (2400, 1600)),
        caption="BIR atkritumu enerģijas stacija",
    )
    copy = tmp_path / "copy.db"
    backup_file(demo_db.path, copy)
    target = tmp_path / "restored.db"
    restore_file(copy, target, keep_dir=tmp_path / "kept")
    restored = Database(f"sqlite:///{target}")
    try:
        report = reports.report_for_visit(restored, visit.id)
        (again,) = [a for a in report.attachments if a.caption == photo.caption]
        assert again.data == photo.data and again.mime == "image/jpeg"
    finally:
        restored.dispose()


def test_cli_import_photo(cli, demo_template, tmp_path):
    import shutil

    path = tmp_path / "d.db"
    shutil.copyfile(demo_template, path)
    src = jpeg(tmp_path / "foto.jpg", (3000, 2000))
    run = cli("--db", path, "import", "photo", "DEMO-BERGEN-2014", src, "--caption", "Brigene")
    assert run.code == 0, run.err
    run = cli("--db", path, "import", "photo", "DEMO-BERGEN-2014", tmp_path / "nav.jpg")
    assert run.code == 2 and run.err.count("\n") == 1 and "nav.jpg" in run.err
