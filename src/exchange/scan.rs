//! A quick scan of a JSON document's text for what no field may hold, so that a document
//! without any needs no check record by record.

use crate::model::text::MAX_TEXT_BYTES;

/// True when no string in the JSON text holds what a field refuses (a control character
/// other than tab and line breaks, or more than [`MAX_TEXT_BYTES`]), so that the fast read
/// needs no check record by record. A false alarm only costs the slower read.
pub(super) fn only_storable_text(json: &str) -> bool {
    let bytes = json.as_bytes();
    let (mut in_string, mut length, mut i) = (false, 0usize, 0usize);
    while i < bytes.len() {
        let byte = bytes[i];
        if !in_string {
            in_string = byte == b'"';
            length = 0;
            i += 1;
            continue;
        }
        match byte {
            b'"' => in_string = false,
            b'\\' => {
                let escaped = bytes.get(i + 1).copied().unwrap_or(b'"');
                if matches!(escaped, b'b' | b'f') {
                    return false;
                }
                // \u0000 to \u001f (but tab and line breaks), \u007f to \u009f.
                if escaped == b'u' {
                    let hex = bytes.get(i + 2..i + 6).unwrap_or(b"0000").to_ascii_lowercase();
                    let control = hex.starts_with(b"000") && !matches!(&hex[..], b"0009" | b"000a" | b"000d")
                        || hex.starts_with(b"001")
                        || &hex[..] == b"007f"
                        || hex.starts_with(b"008")
                        || hex.starts_with(b"009");
                    if control {
                        return false;
                    }
                }
                length += 2;
                i += 1;
            }
            // DEL, and the C1 controls U+0080 to U+009F (0xC2 0x80..0x9F in UTF-8).
            0x7f => return false,
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => return false,
            _ => length += 1,
        }
        if length > MAX_TEXT_BYTES {
            return false;
        }
        i += 1;
    }
    true
}
