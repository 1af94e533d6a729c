"""The article for the organisation's website after a visit, in Markdown or HTML.

It follows the seed articles: a headline, a lead that says who went where and when ("No
2014. gada 2. līdz 5. aprīlim Latvijas Pašvaldību savienības delegācija (10 dalībnieki)
devās pieredzes apmaiņas braucienā uz Bergenu (Norvēģijā)."), the institutions visited, the
themes, the results, the funding sentence and the author. Latvian sentences need case forms
that gettext cannot give (``app.domain.latvian``); the sentence frames are translated
messages (``tr``), so the English article reads as English.

When the coordinator has written the article in the Report tab, that text is the article
(in the visit's own language; another language gets the generated one): its paragraphs are
kept, a single line break stays a line break. ``generated=True`` asks for the generated one.

User text is escaped for the format: in HTML ``<`` and ``&`` are text; in Markdown every
character that could start markup is backslash-escaped (CommonMark lets any ASCII
punctuation be escaped so): emphasis, links and images, code, HTML and entities, and at a
line's start headings, quotes, list markers, rules and the underlines of setext headings.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from app.documents.report_data import ReportDoc
from app.domain import latvian
from app.i18n import _, catalog, tr

LANGUAGES = ("lv", "en")


@dataclass(frozen=True)
class Article:
    """The article's parts as plain text; ``markdown()`` and ``html()`` lay them out."""

    lang: str
    headline: str
    lead: str
    purpose: str | None
    sections: tuple[tuple[str, tuple[str, ...]], ...]  # heading, bullet points
    summary: str | None
    funding: str | None
    author: tuple[str, ...]  # lines: name, position, organisation

    def markdown(self) -> str:
        out = [f"# {_md(self.headline)}", "", _md(self.lead), ""]
        if self.purpose:
            out += [_md(self.purpose), ""]
        if self.summary:
            out += [_md(self.summary), ""]
        for heading, points in self.sections:
            out += [f"## {_md(heading)}", ""] + [f"- {_md(p)}" for p in points] + [""]
        if self.funding:
            out += [f"*{_md(self.funding)}*", ""]
        if self.author:
            out += ["  \n".join(_md(line) for line in self.author), ""]
        return "\n".join(out).rstrip() + "\n"

    def html(self) -> str:
        out = [
            f'<article lang="{self.lang}">',
            f"<h1>{_h(self.headline)}</h1>",
            f'<p class="lead">{_h(self.lead)}</p>',
        ]
        if self.purpose:
            out.append(f"<p>{_h(self.purpose)}</p>")
        if self.summary:
            out.append(f"<p>{_h(self.summary)}</p>")
        for heading, points in self.sections:
            out.append(f"<h2>{_h(heading)}</h2>")
            out.append("<ul>" + "".join(f"<li>{_h(p)}</li>" for p in points) + "</ul>")
        if self.funding:
            out.append(f'<p class="funding"><em>{_h(self.funding)}</em></p>')
        if self.author:
            out.append('<p class="author">' + "<br>".join(_h(x) for x in self.author) + "</p>")
        out.append("</article>")
        return "\n".join(out) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&!])")


def _md(text: str) -> str:
    """Plain text safe in Markdown: markup characters escaped, a leading list, heading,
    rule or setext marker too, line breaks kept as hard breaks."""
    lines = []
    for line in text.splitlines() or [""]:
        line = _MD_SPECIAL.sub(r"\\\1", line.lstrip())  # indented: a code block
        line = re.sub(r"^([-+=])", r"\\\1", line)
        line = re.sub(r"^(\d{1,9})([.)])", r"\1\\\2", line)  # "2014. gada" is no list
        lines.append(line)
    return "  \n".join(lines)


def _paragraphs(text: str) -> list[str]:
    """A written text's paragraphs (blank lines between them), each without edge spaces."""
    return [p.strip("\n") for p in re.split(r"\n[ \t]*\n", text.strip()) if p.strip()]


def written_markdown(text: str) -> str:
    return "\n\n".join(_md(p) for p in _paragraphs(text)) + "\n"


def written_html(text: str, lang: str) -> str:
    body = "\n".join(f"<p>{_h(p)}</p>" for p in _paragraphs(text))
    return f'<article lang="{lang}">\n{body}\n</article>\n'


def _h(text: str) -> str:
    return escape(text, quote=False).replace("\n", "<br>")


# --------------------------------------------------------------------------- building


def _country(code: str | None, lang: str) -> str:
    if not code:
        return ""
    from babel import Locale

    return Locale.parse(lang).territories.get(code.upper(), code)


def _dates(report: ReportDoc, lang: str) -> str:
    v = report.visit
    if lang == "lv":
        return latvian.date_lead(v.start_date, v.end_date)
    from babel.dates import format_date

    def day(d: dt.date) -> str:
        return format_date(d, "d MMMM y", locale="en")

    s, e = v.start_date, v.end_date
    if s == e:
        return f"On {day(s)}"
    if (s.year, s.month) == (e.year, e.month):
        return f"From {s.day} to {day(e)}"
    if s.year == e.year:
        return f"From {format_date(s, 'd MMMM', locale='en')} to {day(e)}"
    return f"From {day(s)} to {day(e)}"


def _place(report: ReportDoc, lang: str, case: str) -> str:
    """Where the visit went: lv accusative ("Bergenu (Norvēģijā)") or locative ("Bergenā
    (Norvēģijā)"), en "Bergen (Norway)"; a domestic visit names no country."""
    v = report.visit
    country = _country(v.country, lang)
    domestic = (v.country or "").upper() == "LV"
    if lang == "lv":
        city = latvian.city_forms(v.city)[1 if case == "to" else 2] if v.city else ""
        land = latvian.country_locative(v.country, country) if country else ""
        if city and land and not domestic:
            return f"{city} ({land})"
        return city or land
    if v.city and country and not domestic:
        return f"{v.city} ({country})"
    return v.city or country


# Nouns that head an institution's English name: "the" goes before "Latvian Association …",
# "National Centre for Education", "Ministry of …", never before "Kuldīga Municipality".
_INSTITUTION_NOUNS = frozenset(
    {
        "administration",
        "agency",
        "alliance",
        "assembly",
        "association",
        "authorities",
        "authority",
        "bank",
        "board",
        "centre",
        "center",
        "chamber",
        "commission",
        "committee",
        "confederation",
        "council",
        "directorate",
        "embassy",
        "federation",
        "foundation",
        "fund",
        "government",
        "inspectorate",
        "institute",
        "league",
        "ministry",
        "network",
        "office",
        "parliament",
        "secretariat",
        "service",
        "society",
        "union",
    }
)
# A first word that reads as an adjective ("Latvian", "Nordic", "National", "Danish",
# "Northern"): a place's name in front ("Kuldīga", "Daugavpils", "Bergen") takes no "the".
_ADJECTIVE_ENDINGS = ("an", "ic", "al", "ish", "ese", "ern", "ch")
_ADJECTIVES = frozenset({"state", "joint", "royal", "main", "supreme"})


def needs_the(name: str) -> bool:
    """Whether an English organisation name takes "the" in a sentence.

    "Latvian Association of Local and Regional Governments", "University of Bergen",
    "European Commission", "National Centre for Education", "Ministry for …" do;
    "Kuldīga Municipality", "Daugavpils City Council", "KS", and names left in their own
    language ("Bergen kommune", "Latvijas Pašvaldību savienība") do not. A rule of thumb
    over names as a coordinator types them: a missing "the" reads as a slip, a wrong one
    before a town's council would read worse, so a name with a place in front is left bare.
    """
    words = re.sub(r"\s*\([^)]*\)\s*$", "", name).split()  # "(KS)" at the end says nothing
    if not words or words[0].casefold() == "the":
        return False
    if " of " in f" {' '.join(words)} ":
        return True
    first = words[0].casefold()
    if first in _INSTITUTION_NOUNS:
        return True
    adjective = (
        words[0][:1].isupper()
        and not words[0].isupper()
        and (first.endswith(_ADJECTIVE_ENDINGS) or first in _ADJECTIVES)
    )
    return adjective and any(w.casefold() in _INSTITUTION_NOUNS for w in words[1:])


def _org_in_sentence(name: str, lang: str) -> str:
    """An organisation's name inside an English sentence, with "the" when it needs one;
    Latvian has no articles."""
    return f"the {name}" if lang == "en" and needs_the(name) else name


def _who(report: ReportDoc, lang: str, people: int) -> str:
    org = report.visit.organiser
    count = (
        catalog(lang).ngettext("{n} participant", "{n} participants", people).format(n=people)
        if lang != "lv"
        else latvian.participants_phrase(people)
    )
    if lang == "lv":
        # mid-sentence after the dates ("No … aprīlim delegācija devās"); _lead capitalises
        # the sentence's first letter only
        who = f"{latvian.genitive(org.name)} delegācija" if org else "delegācija"
    else:
        who = (
            tr(lang, "a delegation from {organisation}").format(
                organisation=_org_in_sentence(org.shown(lang), lang)
            )
            if org
            else tr(lang, "a delegation")
        )
    return f"{who} ({count})" if people else who


def _lead(report: ReportDoc, lang: str) -> str:
    v = report.visit
    people = len(v.people)
    values = {
        "dates": _dates(report, lang),
        "who": _who(report, lang, people),
        "to_place": _place(report, lang, "to"),
        "in_place": _place(report, lang, "in"),
        "title": v.title_in(lang),
        "organiser": (
            _org_in_sentence(v.organiser.shown(lang), lang) if v.organiser else v.title_in(lang)
        ),
    }
    if v.kind == "conference":
        frame = tr(lang, "{dates}, {who} took part in the conference “{title}” in {in_place}.")
    elif v.kind == "seminar":
        frame = tr(lang, "{dates}, the seminar “{title}” took place in {in_place}.")
    elif v.kind == "hosted_delegation":
        frame = tr(lang, "{dates}, {organiser} hosted the study visit “{title}” in {in_place}.")
    else:
        frame = tr(lang, "{dates}, {who} went on a study visit to {to_place}.")
    text = frame.format(**values)
    return text[:1].upper() + text[1:]


def _purpose(report: ReportDoc, lang: str) -> str | None:
    """The purpose as a sentence ("Brauciena mērķis: iepazīt …"): the visit stores it as a
    bare infinitive ("Iepazīt …"), which alone on a web page reads as a fragment."""
    v = report.visit
    purpose = (v.purpose_in(lang) or "").strip()
    if not purpose:
        return None
    if v.kind == "conference":
        frame = tr(lang, "The purpose of the conference: {purpose}")
    elif v.kind == "seminar":
        frame = tr(lang, "The purpose of the seminar: {purpose}")
    elif v.kind == "hosted_delegation":
        frame = tr(lang, "The purpose of the delegation's visit: {purpose}")
    else:
        frame = tr(lang, "The purpose of the visit: {purpose}")
    if purpose[-1] not in ".!?…":
        purpose += "."
    return frame.format(purpose=_lower_first(purpose, lang))


def _lower_first(text: str, lang: str) -> str:
    """ "Iepazīt" → "iepazīt", "Learning" → "learning": after the colon a verb or an article
    goes lower case, while a name ("Norvēģijas …", "Bergen …") and an abbreviation ("LPS …")
    keep their capitals. A purpose starts with a verb in nearly every visit; the first word
    is lowered only when it is one (a Latvian infinitive in -t/-ties, an English "to",
    article or -ing form), because lowering a name would be a worse error than keeping a
    capital after a colon."""
    word = text.split(maxsplit=1)[0] if text.split() else ""
    if len(word) < 2 or not (word[0].isupper() and word[1].islower()):
        return text
    stem = word.lower().rstrip(".,:;!?")
    if lang == "lv":
        verb = stem.endswith(("t", "ties"))
    else:
        verb = stem in {"to", "a", "an", "the"} or stem.endswith("ing")
    return text[0].lower() + text[1:] if verb else text


def _funding(report: ReportDoc, lang: str) -> str | None:
    project = report.visit.project
    if project is None:
        return None
    if lang == "lv" and project.acknowledgement:
        return project.acknowledgement
    funder = project.funder or project.programme
    if not funder:
        return project.acknowledgement
    return tr(lang, "The visit was funded by {funder} (project {code}).").format(
        funder=funder, code=project.code
    )


def _author(report: ReportDoc, lang: str) -> tuple[str, ...]:
    person = report.visit.coordinator
    if person is None:
        return ()
    lines = [person.full_name]
    if person.position:
        lines.append(person.position)
    if person.organisation is not None:
        lines.append(person.organisation.shown(lang))
    return tuple(lines)


def build_article(report: ReportDoc, lang: str) -> Article:
    """The article in ``lang`` (lv or en) from the visit and its report."""
    lang = lang if lang in LANGUAGES else "lv"
    v = report.visit
    sections: list[tuple[str, tuple[str, ...]]] = []
    institutions = tuple(org.shown(lang) for org in report.institutions())
    if institutions:
        sections.append((tr(lang, "Institutions visited"), institutions))
    if report.topics:
        sections.append((tr(lang, "Themes"), report.topics))
    if report.results:
        sections.append((tr(lang, "Results"), report.results))
    lessons = tuple(lesson.text for lesson in report.lessons)
    if lessons:
        sections.append((tr(lang, "Lessons learned"), lessons))
    return Article(
        lang=lang,
        headline=v.title_in(lang),
        lead=_lead(report, lang),
        purpose=_purpose(report, lang),
        sections=tuple(sections),
        summary=report.summary,
        funding=_funding(report, lang),
        author=_author(report, lang),
    )


def article_text(
    db: object, ref: str | int, lang: str | None, fmt: str, *, generated: bool = False
) -> str:
    """The article of visit ``ref`` as ``fmt`` ("md" or "html"), in ``lang`` or the visit's
    first programme language: the one the coordinator wrote when there is one and the
    language is the visit's own, else (or with ``generated``) the generated one."""
    from app.documents.report_data import load_report

    report = load_report(db, ref)
    own = report.visit.default_language
    chosen = lang or own
    if report.article and chosen == own and not generated:
        return (
            written_html(report.article, chosen)
            if fmt == "html"
            else written_markdown(report.article)
        )
    article = build_article(report, chosen if chosen in LANGUAGES else "lv")
    return article.html() if fmt == "html" else article.markdown()


ARTICLE_FORMATS = {"md": "md", "markdown": "md", "html": "html", "htm": "html"}


def article_format(path: str | os.PathLike[str]) -> str:
    """ "md" or "html" by the file's suffix (the command line's rule), else ``Invalid``."""
    from app.domain.validation import Invalid

    suffix = Path(path).suffix.lstrip(".").casefold()
    if suffix not in ARTICLE_FORMATS:
        raise Invalid(
            _("{file}: the article is written as .md (Markdown) or .html").format(
                file=Path(path).name
            )
        )
    return ARTICLE_FORMATS[suffix]


def build_article_file(
    db: Any,
    ref: str | int,
    out_path: str | os.PathLike[str],
    *,
    lang: str | None = None,
    person: str | None = None,
    progress: Any = None,
    cancel: Any = None,
) -> Path:
    """The Documents tab's builder (``app.documents.builder("article")``): the command
    line's ``article_text``, Markdown or HTML by the file's suffix, written whole."""
    from app.documents.common import Cancelled, write_atomically

    fmt = article_format(out_path)
    text = article_text(db, ref, lang, fmt)
    if cancel is not None and cancel():
        raise Cancelled()

    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())

    target = write_atomically(out_path, write)
    if progress is not None:
        progress(1, 1)
    return target
