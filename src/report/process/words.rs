//! How much room a text takes in the drawing, and a text cut into lines that fit: SVG
//! text does not wrap by itself.

/// About how wide `text` is set in a sans face at `size`: DejaVu Sans's widths, the widest
/// of the faces named, so that what is measured to fit does fit.
pub(super) fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.3,
            ' ' | 'f' | 't' | 'r' | 'I' | '(' | ')' | '-' | '\u{b7}' => 0.4,
            'm' | 'w' | 'M' | 'W' | '@' | '%' => 0.95,
            c if c.is_ascii_uppercase() => 0.75,
            c if c.is_ascii_digit() => 0.64,
            c if c.is_ascii() => 0.62,
            c if is_wide(c) => 1.0,
            _ => 0.7,
        })
        .sum();
    ems * size * if bold { 1.12 } else { 1.0 }
}

/// Characters set a full em wide: CJK, Hangul, full-width forms, emoji.
fn is_wide(c: char) -> bool {
    matches!(u32::from(c), 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFF00..=0xFF60 | 0x1F300..=0x1FAFF | 0x20000..=0x3FFFD)
}

/// `text` in lines no wider than `width`, at most `max` of them; the last ends with an
/// ellipsis when the text goes on.
pub(super) fn wrap(text: &str, width: f64, size: f64, bold: bool, max: usize) -> Vec<String> {
    let fits = |line: &str| text_width(line, size, bold) <= width;
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let joined = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
        if fits(&joined) {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word wider than the line is cut where it must be.
        for c in word.chars() {
            line.push(c);
            if !fits(&line) {
                line.pop();
                lines.push(std::mem::replace(&mut line, c.to_string()));
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    if lines.len() > max {
        let mut last = lines[max - 1].clone();
        while !last.is_empty() && !fits(&format!("{last}\u{2026}")) {
            last.pop();
        }
        lines.truncate(max - 1);
        lines.push(format!("{}\u{2026}", last.trim_end()));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_titles_wrap_onto_two_lines_and_then_stop() {
        let lines = wrap("30-day halt on strikes against energy infrastructure", 186.0, 9.0, true, 2);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines.iter().all(|l| text_width(l, 9.0, true) <= 186.0));
        let long = "A very long title ".repeat(10);
        let lines = wrap(&long, 186.0, 9.0, true, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('\u{2026}'), "{lines:?}");
        let word = wrap(&"x".repeat(80), 100.0, 9.0, false, 2);
        assert!(word.iter().all(|l| text_width(l, 9.0, false) <= 100.0), "{word:?}");
    }
}
