"""Markdown from contributors becomes safe HTML: ordinary Markdown survives,
headings move down a level, and nothing that can run script gets through."""

from __future__ import annotations

import re

import pytest

from directory.reading.sanitise import MarkdownRenderer, clean_html


@pytest.fixture(scope="module")
def render():
    return MarkdownRenderer().render


def assert_harmless(html: str) -> None:
    lowered = html.lower()
    for bad in ("<script", "<style", "<iframe", "<img", "<svg", "<object", "<embed", "<form", "<math"):
        assert bad not in lowered, html
    assert not re.search(r"\son[a-z]+\s*=", lowered), html
    assert "style=" not in lowered, html
    for scheme in ("javascript:", "vbscript:", "data:"):
        assert scheme not in lowered, html
    for href in re.findall(r'href="([^"]*)"', html):
        assert href.startswith(("https://", "http://", "mailto:", "tel:", "/", "#")), html


# --- ordinary Markdown -------------------------------------------------------------------


def test_lists_links_and_emphasis_survive(render):
    html = render(
        'Some *em*, **strong** and [a link](https://example.org "Title").\n\n'
        "- one\n- two\n\n1. first\n2. second\n\n"
        "Email [us](mailto:hello@example.org) or [call](tel:+441632960000) or see [about](/about/).\n"
    )
    assert "<em>em</em>" in html and "<strong>strong</strong>" in html
    assert '<a href="https://example.org" title="Title" rel="noopener noreferrer">a link</a>' in html
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert "<ol>\n<li>first</li>\n<li>second</li>\n</ol>" in html
    assert 'href="mailto:hello@example.org"' in html
    assert 'href="tel:+441632960000"' in html
    assert 'href="/about/"' in html


def test_tables_quotes_code_and_definition_lists_survive(render):
    html = render(
        "| Day | Time |\n|---|---|\n| Monday | 10am |\n\n> A quote\n\n`code`\n\nFood bank\n:   A place to get food\n"
    )
    assert "<table>" in html and "<th>Day</th>" in html and "<td>Monday</td>" in html
    assert "<blockquote>\n<p>A quote</p>\n</blockquote>" in html
    assert "<code>code</code>" in html
    assert "<dl>" in html and "<dt>Food bank</dt>" in html and "<dd>A place to get food</dd>" in html


def test_headings_are_demoted_one_level(render):
    html = render("# Title\n\n## Sub\n\n### Third\n\n###### Six\n")
    assert "<h1" not in html
    assert "<h2>Title</h2>" in html
    assert "<h3>Sub</h3>" in html
    assert "<h4>Third</h4>" in html
    assert "<h6>Six</h6>" in html


def test_raw_html_headings_are_demoted_too(render):
    assert "<h1" not in render("<h1>Shout</h1>\n")
    assert "<h2>Shout</h2>" in render("<h1>Shout</h1>\n")


def test_empty_text_gives_empty_html(render):
    assert render("") == ""


def test_the_renderer_is_reusable_without_leaking_between_texts(render):
    first = render("[HTML][w3]\n\n[w3]: https://www.w3.org/html/\n")
    assert '<a href="https://www.w3.org/html/" rel="noopener noreferrer">HTML</a>' in first
    assert "href" not in render("[HTML][w3]\n")  # the reference does not carry over


def test_abbreviations_are_written_as_html(render):
    html = render('The <abbr title="Citizens Advice Bureau">CAB</abbr> can help.')
    assert '<abbr title="Citizens Advice Bureau">CAB</abbr>' in html


# --- hostile input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>hello",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>hello",
        "<style>body{display:none}</style>hello",
        '<iframe src="https://evil.example"></iframe>hello',
        "<img src=x onerror=alert(1)>hello",
        '<p onclick="alert(1)">hello</p>',
        '<a href="https://ok.example" onmouseover="alert(1)">hello</a>',
        "<svg onload=alert(1)>hello",
        "<svg><script>alert(1)</script></svg>hello",
        '<math><mi xlink:href="javascript:alert(1)">x</mi></math>hello',
        '<object data="x.swf"></object><embed src="x.swf">hello',
        '<form action="https://evil.example"><input name=x></form>hello',
        '<p style="background:url(javascript:alert(1))">hello</p>',
        '<div style="position:fixed;inset:0">hello</div>',
        "<!-- <script>alert(1)</script> -->hello",
    ],
)
def test_dangerous_html_is_removed(render, text):
    html = render(text)
    assert_harmless(html)
    assert "alert" not in html


@pytest.mark.parametrize(
    "text",
    [
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;avascript:alert(1))",
        "[x](&#0000106;avascript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](vbscript:msgbox(1))",
        "[x](<javascript:alert(1)>)",
        '<a href="javascript:alert(1)">x</a>',
        '<a href=" javascript:alert(1)">x</a>',
        '<a href="java&#09;script:alert(1)">x</a>',
        '<a href="jav&#x0A;ascript:alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href="&#x6A;avascript:alert(1)">x</a>',
        '<a href="javascript&colon;alert(1)">x</a>',
        '<a href="JAVASCRIPT:alert(1)">x</a>',
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
        '<a href="vbscript:msgbox(1)">x</a>',
        "[x][ref]\n\n[ref]: javascript:alert(1)",
        "[x](//evil.example/)",
        '<a href="\\\\evil.example">x</a>',
    ],
)
def test_dangerous_links_lose_their_address(render, text):
    html = render(text)
    assert_harmless(html)
    assert "href" not in html


def test_an_autolink_to_a_dangerous_address_is_only_text(render):
    html = render("<javascript:alert(1)>")
    assert html == '<p><a rel="noopener noreferrer">javascript:alert(1)</a></p>'  # no href: text only


def test_a_backslash_path_stays_on_this_site(render):
    # browsers read an unencoded "/\\host" as another site; the parser encodes the backslash
    assert render("[x](/\\evil.example/)") == '<p><a href="/%5Cevil.example/" rel="noopener noreferrer">x</a></p>'


@pytest.mark.parametrize(
    "attribute", ['style="color:red"', 'class="govuk-button"', 'id="main"', 'target="_blank"', 'onfocus="x()"']
)
def test_attributes_outside_the_allow_list_are_dropped(render, attribute):
    html = render(f'<p><a href="https://example.org" {attribute}>x</a></p>')
    assert attribute.split("=")[0] + "=" not in html
    assert 'href="https://example.org"' in html


def test_link_rel_is_forced(render):
    html = render('<a href="https://example.org" rel="opener">x</a>')
    assert 'rel="noopener noreferrer"' in html
    assert 'rel="opener"' not in html


def test_clean_html_alone_applies_the_same_rules():
    html = clean_html('<h2 onclick="x">T</h2><a href="javascript:alert(1)">x</a><script>y</script>')
    assert_harmless(html)
    assert "<h2>T</h2>" in html


def test_a_phone_number_link_in_markdown_does_not_break_across_lines():
    html = MarkdownRenderer().render("Call [01632 960 000](tel:01632960000).")
    assert ">01632\u00a0960\u00a0000</a>" in html
