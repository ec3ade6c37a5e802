//! Text matching that ignores case and diacritics ("ș" matches "s", "Ő" matches "o"), for
//! the moderation blocklist and free-text search, product ids as safe path segments, and
//! when a comment is long enough to clamp.

/// Lines a clamped comment shows (the widget's CSS `-webkit-line-clamp`).
pub const CLAMP_LINES: usize = 4;

/// Characters a comment line holds on a typical review column, for estimating its height.
pub const CLAMP_LINE_CHARS: usize = 70;

/// The longest comment kept, in characters: several times the longest real review (a
/// few hundred words), so no honest comment is cut, while a hostile 50 MB one costs
/// nobody more than a page of text. docs/api.md states it.
pub const MAX_COMMENT_CHARS: usize = 5_000;

/// A comment as kept: at most [`MAX_COMMENT_CHARS`] characters, cut after the last space
/// in its final 200 characters when there is one (so no word is halved) and ended with
/// "…"; with the original length in characters when it was cut.
pub fn cap_comment(comment: &str) -> (String, Option<usize>) {
    if comment.chars().nth(MAX_COMMENT_CHARS).is_none() {
        return (comment.to_owned(), None);
    }
    // MAX_COMMENT_CHARS - 1 characters and the ellipsis.
    let cut = comment
        .char_indices()
        .nth(MAX_COMMENT_CHARS - 1)
        .map_or(comment.len(), |(index, _)| index);
    let head = &comment[..cut];
    let tail_start = head
        .char_indices()
        .rev()
        .nth(200)
        .map_or(0, |(index, _)| index);
    let head = match head[tail_start..].rfind(char::is_whitespace) {
        Some(space) => head[..tail_start + space].trim_end(),
        None => head,
    };
    (format!("{head}…"), Some(comment.chars().count()))
}

/// Whether a comment gets "Read more": when its estimated height exceeds [`CLAMP_LINES`],
/// counting each line break (comments keep them) and wrapping every [`CLAMP_LINE_CHARS`]
/// characters. Decided from the text alone, so the server-rendered card and the browser's
/// agree and the takeover does not move anything.
pub fn needs_clamp(comment: &str) -> bool {
    let mut lines = 0;
    for line in comment.split('\n') {
        lines += line.chars().count().div_ceil(CLAMP_LINE_CHARS).max(1);
        if lines > CLAMP_LINES {
            return true;
        }
    }
    false
}

/// Lower-cases `text` and strips diacritics from the Latin letters of the shop languages
/// (ro, hu, bg transliterations aside, de, fr, es, it, pl). Other characters pass through
/// lower-cased, so Cyrillic search still works case-insensitively.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match base_letter(c) {
            Some(base) => out.push_str(base),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

fn base_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ă' | 'ą' | 'ā' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å'
        | 'Ă' | 'Ą' | 'Ā' => "a",
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => "c",
        'ď' | 'đ' | 'Ď' | 'Đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ę' | 'ě' | 'ē' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ę' | 'Ě' | 'Ē' => {
            "e"
        }
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => "i",
        'ł' | 'Ł' => "l",
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ő' | 'ø' | 'ō' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ő' | 'Ø'
        | 'Ō' => "o",
        'ř' | 'Ř' => "r",
        'ș' | 'ş' | 'ś' | 'š' | 'Ș' | 'Ş' | 'Ś' | 'Š' => "s",
        'ß' => "ss",
        'ț' | 'ţ' | 'ť' | 'Ț' | 'Ţ' | 'Ť' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ű' | 'ů' | 'ū' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ű' | 'Ů' | 'Ū' => {
            "u"
        }
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        _ => return None,
    })
}

/// A product id as one URL path segment and file name that every static host serves as is:
/// ids of ASCII letters, digits, `_` and `-` stay unchanged; any other id becomes `~` and the
/// hex of its UTF-8 bytes (`"a/b"` → `"~612f62"`), so no `/`, `%`, `.` or space ever reaches
/// a path. The relay, the static export and the widget all use this one function.
pub fn path_segment(id: &str) -> String {
    if !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return id.to_owned();
    }
    let mut out = String::with_capacity(1 + id.len() * 2);
    out.push('~');
    for byte in id.bytes() {
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

/// The id a [`path_segment`] stands for; `None` if it is not one.
pub fn from_path_segment(segment: &str) -> Option<String> {
    let Some(hex) = segment.strip_prefix('~') else {
        return (!segment.is_empty()
            && segment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
        .then(|| segment.to_owned());
    };
    if hex.len() % 2 != 0 {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect();
    String::from_utf8(bytes?).ok()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    #[test]
    fn comments_up_to_the_cap_are_kept_whole_and_longer_ones_cut_between_words() {
        let exact = "a".repeat(MAX_COMMENT_CHARS);
        assert_eq!(cap_comment(&exact), (exact.clone(), None));
        let words = "cuvânt ".repeat(MAX_COMMENT_CHARS);
        let (kept, chars) = cap_comment(&words);
        assert_eq!(chars, Some(words.chars().count()));
        assert!(kept.ends_with("cuvânt…"), "{}", &kept[kept.len() - 20..]);
        assert!(kept.chars().count() <= MAX_COMMENT_CHARS);
        let no_spaces = "ț".repeat(MAX_COMMENT_CHARS + 1);
        let (kept, _) = cap_comment(&no_spaces);
        assert_eq!(kept.chars().count(), MAX_COMMENT_CHARS);
    }

    proptest! {
        #[test]
        fn a_capped_comment_is_never_longer_than_the_cap_and_starts_as_the_original(
            text in "\\PC{4990,5010}",
        ) {
            let (kept, cut) = cap_comment(&text);
            prop_assert!(kept.chars().count() <= MAX_COMMENT_CHARS);
            prop_assert_eq!(cut.is_some(), text.chars().count() > MAX_COMMENT_CHARS);
            prop_assert!(text.starts_with(kept.trim_end_matches('…')));
        }
    }

    use super::*;

    #[test]
    fn folds_romanian_and_hungarian_diacritics() {
        assert_eq!(
            fold("Șosetă ȚEAPĂ în Ţară, Őrült Ünnep"),
            "soseta teapa in tara, orult unnep"
        );
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("ОТЛИЧНО"), "отлично");
    }

    #[test]
    fn comments_clamp_by_estimated_lines() {
        let line = |n: usize| "a".repeat(n);
        assert!(!needs_clamp(""));
        assert!(!needs_clamp(&line(CLAMP_LINES * CLAMP_LINE_CHARS)));
        assert!(needs_clamp(&line(CLAMP_LINES * CLAMP_LINE_CHARS + 1)));
        // Characters, not bytes: 280 Romanian letters are two bytes each.
        assert!(!needs_clamp(&"ț".repeat(CLAMP_LINES * CLAMP_LINE_CHARS)));
        // Short lines count as whole lines.
        assert!(!needs_clamp("one\ntwo\nthree\nfour"));
        assert!(needs_clamp("one\ntwo\nthree\nfour\nfive"));
        assert!(needs_clamp("\n\n\n\n"));
        assert!(needs_clamp(&format!("{}\n{}\nend", line(140), line(71))));
        assert!(!needs_clamp(&format!("{}\n{}", line(140), line(140))));
    }

    #[test]
    fn path_segments_round_trip() {
        for id in ["2183", "SKU-12_b", "a/b", "x.json", "mărime 42", "~1", "."] {
            let segment = path_segment(id);
            assert!(
                segment
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'~'),
                "{segment}"
            );
            assert_eq!(from_path_segment(&segment).as_deref(), Some(id));
        }
        assert_eq!(path_segment("2183"), "2183");
        assert_eq!(path_segment("a/b"), "~612f62");
        assert_eq!(from_path_segment("~6"), None);
        assert_eq!(from_path_segment("a.b"), None);
    }
}
