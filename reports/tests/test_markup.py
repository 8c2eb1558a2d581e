"""A section's text markup becomes safe HTML."""

from reports.markup import footnote_refs, render_text


def test_paragraphs_and_bullets():
    html = render_text("Först.\n\nkriterier när\n- ett\n- två\n\nSist.")
    assert html == (
        "<p>Först.</p>\n<p>kriterier när</p>\n"
        '<ul class="bullets"><li><span class="bullet">•</span>ett</li><li><span class="bullet">•</span>två</li></ul>\n'
        "<p>Sist.</p>"
    )


def test_italics_and_https_links():
    html = render_text("målet *Hög egenförsörjningsgrad*\n\n[Länk till målen](https://www.linkoping.se/)")
    assert "<em>Hög egenförsörjningsgrad</em>" in html
    assert '<a href="https://www.linkoping.se/">Länk till målen</a>' in html


def test_everything_else_is_escaped():
    html = render_text('<script>alert(1)</script> [x](javascript:alert(1)) "citat"')
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "href" not in html


def test_footnotes_float_in_print_and_number_on_screen():
    html = render_text("14 procentenheter.[^1] Okänd[^2]", ["Elin Landell, Försörjning med fördröjning"])
    assert (
        '<sup class="screen-only">1</sup><span class="footnote">Elin Landell, Försörjning med fördröjning</span>'
        in html
    )
    assert "Okänd[^2]" in html  # no such footnote: left as typed
    assert footnote_refs("a[^1] b[^3]") == [1, 3]
