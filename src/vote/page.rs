//! The phone page: plain HTML, one form, big buttons, Dutch or English. Its only script
//! asks every few seconds whether the question changed and reloads the page when it did;
//! without script the page still works (a "refresh" link).

use crate::locale::fluent_strings;
use crate::scenario::model::Language;
use crate::text::escape_html as escape;

/// What the page shows.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PageView<'a> {
    pub lang: Language,
    pub code: &'a str,
    /// 0: no question yet.
    pub turn: usize,
    pub options: &'a [String],
    pub ballot: u32,
    pub open: bool,
    /// This phone's vote on the current ballot (1-based).
    pub mine: Option<usize>,
}

/// The state line the page's script compares: it changes when the ballot opens, closes
/// or moves on.
pub(crate) fn state_line(ballot: u32, open: bool) -> String {
    format!("{ballot} {}", u8::from(open))
}

pub(crate) fn lang_tag(lang: Language) -> &'static str {
    match lang {
        Language::Nl => "nl",
        Language::En => "en",
    }
}

fluent_strings! {
    /// The words of the phone vote page (`locales/LANG/vote.ftl`).
    struct Words in "vote" {
        texts {
            title,
            turn,
            waiting,
            closed,
            yours,
            change,
            tap,
            refresh,
            privacy,
            other,
        }
    }
}

fn words(lang: Language) -> &'static Words {
    match lang {
        Language::Nl => &NL,
        Language::En => &EN,
    }
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;padding:1rem;background:#fff;\
color:#111;font-size:1.15rem;line-height:1.4;max-width:40rem;margin:auto}\
h1{font-size:1.4rem;margin:.2rem 0 .8rem}p{margin:.6rem 0}\
button{display:block;width:100%;min-height:3.6rem;margin:.6rem 0;padding:.7rem .9rem;\
font-size:1.15rem;text-align:left;border:3px solid #1f4e9a;border-radius:.8rem;\
background:#eef3fb;color:#111;font-family:inherit}button b{font-size:1.5rem;margin-right:.6rem}\
button.mine{background:#1f4e9a;color:#fff}.note{font-weight:600}\
small{color:#444;display:block;margin-top:1.2rem}a{color:#1f4e9a}";

/// The whole page.
pub(crate) fn render(v: &PageView) -> String {
    let w = words(v.lang);
    let tag = lang_tag(v.lang);
    let other = match v.lang {
        Language::Nl => "en",
        Language::En => "nl",
    };
    let code = escape(v.code);
    let here = format!("/{code}?l={tag}");
    let mut body = String::new();
    if v.turn == 0 || v.options.is_empty() {
        body.push_str(&format!(
            "<h1>{}</h1><p class=note>{}</p>",
            w.title, w.waiting
        ));
    } else {
        body.push_str(&format!("<h1>{} {}</h1>", w.turn, v.turn));
        if let Some(n) = v.mine {
            body.push_str(&format!("<p class=note>{}: {n}</p>", w.yours));
        }
        if v.open {
            body.push_str(&format!(
                "<p>{}</p><form method=post action=\"/{code}/vote\">\
                 <input type=hidden name=ballot value={}><input type=hidden name=l value={tag}>",
                if v.mine.is_some() { w.change } else { w.tap },
                v.ballot
            ));
            for (i, text) in v.options.iter().enumerate() {
                let n = i + 1;
                let class = if v.mine == Some(n) { " class=mine" } else { "" };
                body.push_str(&format!(
                    "<button name=option value={n}{class}><b>{n}</b>{}</button>",
                    escape(text)
                ));
            }
            body.push_str("</form>");
        } else {
            body.push_str(&format!("<p class=note>{}</p>", w.closed));
        }
    }
    let state = state_line(v.ballot, v.open);
    format!(
        "<!doctype html><html lang={tag}><head><meta charset=utf-8>\
         <meta name=viewport content=\"width=device-width,initial-scale=1\">\
         <title>{title}</title><style>{STYLE}</style></head><body>{body}\
         <p><a href=\"{here}\">{refresh}</a> · <a href=\"/{code}?l={other}\">{other_name}</a></p>\
         <small>{privacy}</small>\
         <script>var s=\"{state}\";setInterval(function(){{fetch(\"/{code}/state\",\
         {{credentials:\"same-origin\"}}).then(function(r){{return r.text()}}).then(function(t)\
         {{if(t!==s)location.replace(\"{here}\")}}).catch(function(){{}})}},3000)</script>\
         </body></html>",
        title = w.title,
        refresh = w.refresh,
        other_name = w.other,
        privacy = w.privacy,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_escapes_option_texts_and_marks_the_phones_vote() {
        let options = vec![
            "Ik <b>snap</b> het".to_string(),
            "\"Nee\" & klaar".to_string(),
        ];
        let view = PageView {
            lang: Language::Nl,
            code: "1234",
            turn: 3,
            options: &options,
            ballot: 7,
            open: true,
            mine: Some(2),
        };
        let html = render(&view);
        assert!(html.contains("Ik &lt;b&gt;snap&lt;/b&gt; het"));
        assert!(html.contains("&quot;Nee&quot; &amp; klaar"));
        assert!(html.contains("<button name=option value=2 class=mine>"));
        assert!(html.contains("name=ballot value=7"));
        assert!(html.contains("Beurt 3"));
        assert!(html.contains("Uw stem: 2"));
        let closed = render(&PageView {
            lang: Language::En,
            open: false,
            mine: None,
            ..view
        });
        assert!(!closed.contains("<form"));
        assert!(closed.contains("Voting is closed"));
    }
}
