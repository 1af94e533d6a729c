"""`export article` gives the article the coordinator wrote when there is one; Markdown
built from user text renders (in markdown-it, a CommonMark parser) as exactly that text."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

from markdown_it import MarkdownIt

from app.documents.article import article_text
from app.services import reports, visits

BERGEN = "DEMO-BERGEN-2014"


class _Html(HTMLParser):
    """The text and the tags of rendered HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _render(markdown: str) -> _Html:
    parsed = _Html()
    parsed.feed(MarkdownIt("commonmark").render(markdown))
    return parsed


def test_the_coordinators_article_is_exported(demo_db, cli, tmp_path) -> None:
    md = article_text(demo_db, BERGEN, None, "md")
    assert md.startswith("No 2. līdz 5. aprīlim LPS Valdes locekļi devās pieredzes")
    assert "Ligita Pudža,  \nLPS padomniece ārējo sakaru jautājumos\n" in md
    html = article_text(demo_db, BERGEN, "lv", "html")
    assert html.startswith('<article lang="lv">\n<p>No 2. līdz 5. aprīlim LPS Valdes')
    assert html.count("<p>") == 5
    assert "<p>Ligita Pudža,<br>LPS padomniece ārējo sakaru jautājumos</p>" in html
    # another language, or --generated: the article made from the report
    assert article_text(demo_db, BERGEN, "en", "md").startswith("# LALRG Board study visit")
    done = cli(
        "--db",
        tmp_path / "demo.db",
        "export",
        "article",
        BERGEN,
        "--out",
        tmp_path / "a.md",
        "--generated",
    )
    assert done.code == 0, done.err
    assert (
        (tmp_path / "a.md")
        .read_text(encoding="utf-8")
        .startswith("# LPS valdes pieredzes apmaiņas vizīte Bergenā")
    )
    done = cli(
        "--db", tmp_path / "demo.db", "export", "article", BERGEN, "--out", tmp_path / "b.md"
    )
    assert (tmp_path / "b.md").read_text(encoding="utf-8") == md


HOSTILE = [
    "*Svarīgi* un __ļoti__ `kods` [saite](https://example.com) ![attēls](x.png)",
    "# Nav virsraksts",
    "> nav citāts",
    "- nav saraksts",
    "2014. gada pavasarī",
    "---",
    "Virsraksts?\n===",
    "    četras atstarpes",
    "&copy; &amp; <b>trekns</b> <!-- komentārs -->",
    "1) nav saraksts \\ atpakaļvērstā slīpsvītra | caurule ~~svītra~~",
]


def test_user_markdown_is_text_in_the_article(db) -> None:
    made = visits.create_visit(
        db,
        code="MD",
        title="Vizīte *Bergenā*",
        country="NO",
        city="Bergen",
        timezone="Europe/Oslo",
        start_date=dt.date(2026, 4, 6),
        end_date=dt.date(2026, 4, 9),
    )
    reports.create_report(db, made.id, summary="\n\n".join(HOSTILE), results=HOSTILE)
    md = article_text(db, "MD", "lv", "md")
    rendered = _render(md)
    text = "".join(rendered.text)
    for line in HOSTILE:
        for part in line.split("\n"):
            assert part.strip() in text, part
    assert "Vizīte *Bergenā*" in text
    made_tags = set(rendered.tags) - {"h1", "h2", "p", "ul", "li", "br", "em"}
    assert made_tags == set(), made_tags  # no link, image, code, quote, rule, list of theirs
    assert rendered.tags.count("h1") == 1 and rendered.tags.count("em") <= 1  # funding only


def test_a_written_article_with_markdown_stays_text(db) -> None:
    made = visits.create_visit(
        db,
        code="MD2",
        title="Vizīte",
        country="NO",
        city="Bergen",
        timezone="Europe/Oslo",
        start_date=dt.date(2026, 4, 6),
        end_date=dt.date(2026, 4, 9),
    )
    reports.create_report(db, made.id, article="\n\n".join(HOSTILE))
    rendered = _render(article_text(db, "MD2", "lv", "md"))
    assert set(rendered.tags) <= {"p", "br"}
    text = "".join(rendered.text)
    assert "&copy; &amp; <b>trekns</b>" in text and "*Svarīgi*" in text
