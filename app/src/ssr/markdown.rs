//! Markdown to safe HTML: rendered with pulldown-cmark, then sanitised with ammonia's
//! allow-list, so that no script, event handler or `javascript:` URL survives. Only the
//! output of [`render`] may be given to `inner_html`.

use pulldown_cmark::{Options, Parser, html};

/// Renders Markdown and sanitises the HTML.
pub fn render(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS;
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(markdown, options));
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&unsafe_html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

    const HOSTILE: &[&str] = &[
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<svg onload=alert(1)></svg>",
        "<iframe src=\"https://example.org\"></iframe>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<style>body{display:none}</style>",
    ];

    #[test]
    fn hostile_markdown_comes_out_inert() {
        for payload in HOSTILE {
            let html = render(payload).to_lowercase();
            assert!(!html.contains("<script"), "{payload} -> {html}");
            assert!(
                !html.contains("onerror") && !html.contains("onload"),
                "{payload} -> {html}"
            );
            assert!(!html.contains("javascript:"), "{payload} -> {html}");
            assert!(
                !html.contains("<iframe") && !html.contains("<style"),
                "{payload} -> {html}"
            );
        }
    }

    #[test]
    fn ordinary_markdown_keeps_its_structure() {
        let html = render("## Goals\n\n* **MFA** everywhere\n* [HHS](https://www.hhs.gov)");
        assert!(html.contains("<h2>Goals</h2>"), "{html}");
        assert!(html.contains("<strong>MFA</strong>"), "{html}");
        assert!(html.contains("href=\"https://www.hhs.gov\""), "{html}");
        assert!(
            html.contains("rel=\"noopener noreferrer nofollow\""),
            "{html}"
        );
    }
}
