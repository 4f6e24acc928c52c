//! Makes the PDF WebKitGTK writes the size of its text. WebKit's PDF backend (Skia, built
//! without a font subsetter) embeds each font whole, and the same font again for each
//! typeface object it made: a two-page report came to 2.8 MB, nearly all of it DejaVu
//! fonts embedded up to three times. Here each embedded TrueType font keeps the outlines
//! of the glyphs the document draws, under their ids, and copies of one font become one.
//!
//! The document is read as Skia writes it (PDF 1.4, a cross-reference table, direct
//! stream lengths, fonts as `Type0` / `CIDFontType2` with `Identity-H`); anything else,
//! or anything unexpected, leaves the file exactly as WebKit wrote it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{Read, Write};

use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use flate2::Compression;

use super::truetype;

/// One object of the document: its dictionary or value, and its stream's bytes if any.
struct Object {
    head: Vec<u8>,
    stream: Option<Vec<u8>>,
}

/// The document's objects by number, and its trailer.
struct Document {
    header: Vec<u8>,
    objects: BTreeMap<u32, Object>,
    trailer: Vec<u8>,
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|at| at + from)
}

fn number_after(text: &[u8], key: &[u8]) -> Option<u32> {
    let mut at = 0;
    // A key followed by a space: `/Length 12`, never `/Length1 12`.
    while let Some(found) = find(text, key, at) {
        let rest = &text[found + key.len()..];
        if rest.first().is_some_and(u8::is_ascii_whitespace) {
            let digits: Vec<u8> = rest
                .iter()
                .skip_while(|b| b.is_ascii_whitespace())
                .take_while(|b| b.is_ascii_digit())
                .copied()
                .collect();
            return std::str::from_utf8(&digits).ok()?.parse().ok();
        }
        at = found + key.len();
    }
    None
}

/// The object a key refers to: `/FontFile2 28 0 R` gives 28.
fn reference_after(text: &[u8], key: &[u8]) -> Option<u32> {
    let at = find(text, key, 0)? + key.len();
    let rest = std::str::from_utf8(&text[at..]).ok()?;
    let mut words = rest.split_ascii_whitespace();
    let number = words.next()?.trim_start_matches('[').parse().ok()?;
    (words.next()? == "0" && words.next()?.starts_with('R')).then_some(number)
}

/// The objects a key refers to, one (`/Contents 13 0 R`) or an array of them.
fn references(text: &[u8], key: &[u8]) -> Option<Vec<u32>> {
    let at = find(text, key, 0)? + key.len();
    let rest = std::str::from_utf8(&text[at..]).ok()?.trim_start();
    let refs = match rest.strip_prefix('[') {
        Some(array) => &array[..array.find(']')?],
        None => &rest[..rest.find('R')? + 1],
    };
    let words: Vec<&str> = refs.split_ascii_whitespace().collect();
    words
        .chunks(3)
        .map(|w| (w.len() == 3 && w[1] == "0" && w[2] == "R").then(|| w[0].parse().ok()).flatten())
        .collect()
}

/// The `/Name N 0 R` pairs of a dictionary's text.
fn named_references(text: &[u8]) -> Vec<(Vec<u8>, u32)> {
    let Ok(text) = std::str::from_utf8(text) else { return Vec::new() };
    let words: Vec<&str> = text
        .split(|c: char| c.is_ascii_whitespace() || c == '<' || c == '>')
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(4)
        .filter(|w| w[0].starts_with('/') && w[2] == "0" && w[3].starts_with('R'))
        .filter_map(|w| Some((w[0].as_bytes()[1..].to_vec(), w[1].parse().ok()?)))
        .collect()
}

impl Document {
    fn read(pdf: &[u8]) -> Option<Self> {
        let start = find(pdf, b"startxref", pdf.len().saturating_sub(64))?;
        let xref: usize =
            std::str::from_utf8(&pdf[start + 9..]).ok()?.split_ascii_whitespace().next()?.parse().ok()?;
        let table = pdf.get(xref..)?.strip_prefix(b"xref")?;
        let text = std::str::from_utf8(&table[..find(table, b"trailer", 0)?]).ok()?;
        let mut lines = text.split_ascii_whitespace();
        let (first, count): (u32, usize) = (lines.next()?.parse().ok()?, lines.next()?.parse().ok()?);
        let entries: Vec<&str> = lines.collect();
        if first != 0 || entries.len() != 3 * count {
            return None;
        }
        let trailer_at = xref + 4 + find(table, b"trailer", 0)?;
        let trailer = pdf[trailer_at..find(pdf, b"startxref", trailer_at)?].to_vec();
        let mut objects = BTreeMap::new();
        let mut first_object = pdf.len();
        for (number, entry) in entries.chunks(3).enumerate() {
            if entry[2] != "n" {
                continue;
            }
            let offset: usize = entry[0].parse().ok()?;
            first_object = first_object.min(offset);
            objects.insert(number as u32, Self::object_at(pdf, offset, number as u32)?);
        }
        Some(Self { header: pdf.get(..first_object)?.to_vec(), objects, trailer })
    }

    fn object_at(pdf: &[u8], offset: usize, number: u32) -> Option<Object> {
        let opening = format!("{number} 0 obj");
        let body = pdf.get(offset..)?.strip_prefix(opening.as_bytes())?;
        let end = find(body, b"endobj", 0)?;
        match find(body, b"stream", 0).filter(|&at| at < end && !body[..at].ends_with(b"end")) {
            None => Some(Object { head: body[..end].to_vec(), stream: None }),
            Some(at) => {
                let head = body[..at].to_vec();
                let length = number_after(&head, b"/Length")? as usize;
                // A length by reference is not what Skia writes.
                if reference_after(&head, b"/Length").is_some() {
                    return None;
                }
                let mut data_at = at + b"stream".len();
                data_at += if body.get(data_at..data_at + 2) == Some(b"\r\n") { 2 } else { 1 };
                let stream = body.get(data_at..data_at + length)?.to_vec();
                find(body, b"endstream", data_at + length)?;
                Some(Object { head, stream: Some(stream) })
            }
        }
    }

    fn write(&self) -> Vec<u8> {
        let mut out = self.header.clone();
        let mut offsets = BTreeMap::new();
        for (number, object) in &self.objects {
            offsets.insert(*number, out.len());
            out.extend_from_slice(format!("{number} 0 obj").as_bytes());
            out.extend_from_slice(&object.head);
            if let Some(stream) = &object.stream {
                out.extend_from_slice(b"stream\n");
                out.extend_from_slice(stream);
                out.extend_from_slice(b"\nendstream\n");
            }
            out.extend_from_slice(b"endobj\n");
        }
        let size = self.objects.keys().next_back().map_or(1, |last| last + 1);
        let xref = out.len();
        out.extend_from_slice(format!("xref\n0 {size}\n0000000000 65535 f \n").as_bytes());
        for number in 1..size {
            match offsets.get(&number) {
                Some(offset) => out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes()),
                None => out.extend_from_slice(b"0000000000 65535 f \n"),
            }
        }
        out.extend_from_slice(&self.trailer);
        out.extend_from_slice(format!("startxref\n{xref}\n%%EOF\n").as_bytes());
        out
    }

    fn head(&self, number: u32) -> Option<&[u8]> {
        self.objects.get(&number).map(|object| object.head.as_slice())
    }

    fn decoded(&self, number: u32) -> Option<Vec<u8>> {
        let object = self.objects.get(&number)?;
        let stream = object.stream.as_ref()?;
        if find(&object.head, b"/FlateDecode", 0).is_none() {
            return (find(&object.head, b"/Filter", 0).is_none()).then(|| stream.clone());
        }
        let mut out = Vec::new();
        ZlibDecoder::new(stream.as_slice()).read_to_end(&mut out).ok()?;
        Some(out)
    }
}

/// The glyph ids a content stream draws, by the resource name of the font it draws them
/// with. `None` for what this reader does not know (an inline image).
fn glyphs_drawn(content: &[u8]) -> Option<HashMap<Vec<u8>, BTreeSet<u16>>> {
    let mut drawn: HashMap<Vec<u8>, BTreeSet<u16>> = HashMap::new();
    let mut font: Vec<u8> = Vec::new();
    let mut name: Option<Vec<u8>> = None;
    let mut strings: Vec<Vec<u8>> = Vec::new();
    let mut at = 0;
    while at < content.len() {
        let byte = content[at];
        match byte {
            b if b.is_ascii_whitespace() => at += 1,
            b'%' => at = find(content, b"\n", at).unwrap_or(content.len()),
            b'(' => {
                let (string, end) = literal(content, at + 1)?;
                strings.push(string);
                at = end;
            }
            b'<' if content.get(at + 1) == Some(&b'<') => at += 2,
            b'>' if content.get(at + 1) == Some(&b'>') => at += 2,
            b'<' => {
                let end = find(content, b">", at)?;
                let hex: Vec<u8> =
                    content[at + 1..end].iter().copied().filter(u8::is_ascii_hexdigit).collect();
                let bytes = hex
                    .chunks(2)
                    .map(|pair| {
                        let text = std::str::from_utf8(pair).ok()?;
                        u8::from_str_radix(&format!("{text:0<2}"), 16).ok()
                    })
                    .collect::<Option<Vec<u8>>>()?;
                strings.push(bytes);
                at = end + 1;
            }
            b'[' | b']' | b'{' | b'}' => at += 1,
            b'/' => {
                let end = content[at + 1..]
                    .iter()
                    .position(|b| b.is_ascii_whitespace() || b"/[]()<>{}%".contains(b))
                    .map_or(content.len(), |p| at + 1 + p);
                name = Some(content[at + 1..end].to_vec());
                at = end;
            }
            _ => {
                let end = content[at..]
                    .iter()
                    .position(|b| b.is_ascii_whitespace() || b"/[]()<>{}%".contains(b))
                    .map_or(content.len(), |p| at + p);
                let word = &content[at..end.max(at + 1)];
                at = end.max(at + 1);
                if word.first().is_some_and(|b| b.is_ascii_digit() || b"+-.".contains(b)) {
                    continue;
                }
                match word {
                    b"Tf" => font = name.take().unwrap_or_default(),
                    b"Tj" | b"TJ" | b"'" | b"\"" => {
                        let glyphs = drawn.entry(font.clone()).or_default();
                        for string in &strings {
                            glyphs.extend(
                                string.chunks_exact(2).map(|pair| u16::from_be_bytes([pair[0], pair[1]])),
                            );
                        }
                    }
                    b"BI" | b"ID" => return None,
                    _ => {}
                }
                strings.clear();
                name = None;
            }
        }
    }
    Some(drawn)
}

/// A literal string from just after its `(`: its bytes, and where it ends.
fn literal(content: &[u8], mut at: usize) -> Option<(Vec<u8>, usize)> {
    let mut bytes = Vec::new();
    let mut depth = 1;
    while at < content.len() {
        let byte = content[at];
        at += 1;
        match byte {
            b'\\' => {
                let escaped = *content.get(at)?;
                at += 1;
                match escaped {
                    b'n' => bytes.push(b'\n'),
                    b'r' => bytes.push(b'\r'),
                    b't' => bytes.push(b'\t'),
                    b'b' => bytes.push(8),
                    b'f' => bytes.push(12),
                    b'0'..=b'7' => {
                        let mut value = u32::from(escaped - b'0');
                        for _ in 0..2 {
                            match content.get(at) {
                                Some(d @ b'0'..=b'7') => {
                                    value = value * 8 + u32::from(d - b'0');
                                    at += 1;
                                }
                                _ => break,
                            }
                        }
                        bytes.push(value as u8);
                    }
                    b'\r' | b'\n' => {}
                    other => bytes.push(other),
                }
            }
            b'(' => {
                depth += 1;
                bytes.push(byte);
            }
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some((bytes, at));
                }
                bytes.push(byte);
            }
            _ => bytes.push(byte),
        }
    }
    None
}

fn deflate(data: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(data).ok()?;
    encoder.finish().ok()
}

/// `head` with its `/Length` and `/Length1` set anew.
fn with_lengths(head: &[u8], length: usize, length1: usize) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(head).ok()?;
    let replace = |text: &str, key: &str, value: usize| -> Option<String> {
        let at = text.find(&format!("{key} "))? + key.len() + 1;
        let digits = text[at..].find(|c: char| !c.is_ascii_digit()).map_or(text.len(), |end| at + end);
        Some(format!("{}{value}{}", &text[..at], &text[digits..]))
    };
    Some(replace(&replace(text, "/Length1", length1)?, "/Length", length)?.into_bytes())
}

/// The PDF with its fonts cut down to what it draws; `None` when it cannot be read as
/// expected, and the file is then left as it is.
pub fn compact(pdf: &[u8]) -> Option<Vec<u8>> {
    let mut document = Document::read(pdf)?;

    // The fonts each resource name may stand for, on any page or form.
    let mut fonts_named: HashMap<Vec<u8>, BTreeSet<u32>> = HashMap::new();
    let mut content_streams = Vec::new();
    for (number, object) in &document.objects {
        let head = &object.head;
        let mut at = 0;
        while let Some(found) = find(head, b"/Font", at) {
            at = found + b"/Font".len();
            // `/Font <<…>>` or `/Font 7 0 R`; not `/FontFile2`, nor `/Type /Font`'s end.
            let Some(&next) = head.get(at) else { break };
            if !(next.is_ascii_whitespace() || next == b'<') {
                continue;
            }
            let Some(start) = head[at..].iter().position(|b| !b.is_ascii_whitespace()).map(|p| at + p) else {
                break;
            };
            let dict = if head[start] == b'<' {
                head[start..find(head, b">>", start)?].to_vec()
            } else if let Some(dict) =
                reference_after(&head[found..], b"/Font").and_then(|n| document.head(n))
            {
                dict.to_vec()
            } else {
                continue;
            };
            for (name, font) in named_references(&dict) {
                fonts_named.entry(name).or_default().insert(font);
            }
        }
        if find(head, b"/Type /Page", 0).is_some() && find(head, b"/Type /Pages", 0).is_none() {
            content_streams.extend(references(head, b"/Contents")?);
        }
        if object.stream.is_some() && find(head, b"/Subtype /Form", 0).is_some() {
            content_streams.push(*number);
        }
    }

    // The glyphs drawn with each font; a name not found stands for every font.
    let mut drawn: HashMap<u32, BTreeSet<u16>> = HashMap::new();
    for stream in content_streams {
        for (name, glyphs) in glyphs_drawn(&document.decoded(stream)?)? {
            let fonts = fonts_named
                .get(&name)
                .cloned()
                .unwrap_or_else(|| fonts_named.values().flatten().copied().collect());
            for font in fonts {
                drawn.entry(font).or_default().extend(&glyphs);
            }
        }
    }

    // Each embedded font file, the glyphs drawn with it, and the descriptor that names it.
    let mut files: BTreeMap<u32, (BTreeSet<u16>, Vec<u32>)> = BTreeMap::new();
    for (font, glyphs) in &drawn {
        let head = document.head(*font)?;
        if find(head, b"/Subtype /Type0", 0).is_none() || find(head, b"/Identity-H", 0).is_none() {
            continue;
        }
        let descendant = reference_after(head, b"/DescendantFonts")?;
        let cid_font = document.head(descendant)?;
        if find(cid_font, b"/CIDFontType2", 0).is_none()
            || find(cid_font, b"/CIDToGIDMap /Identity", 0).is_none()
        {
            continue;
        }
        let descriptor = reference_after(cid_font, b"/FontDescriptor")?;
        let Some(file) = reference_after(document.head(descriptor)?, b"/FontFile2") else { continue };
        let entry = files.entry(file).or_default();
        entry.0.extend(glyphs);
        entry.1.push(descriptor);
    }

    // Copies of one font become one file, holding the glyphs drawn with any of them.
    let mut same: HashMap<Vec<u8>, u32> = HashMap::new();
    let mut merged: BTreeMap<u32, (BTreeSet<u16>, Vec<u32>)> = BTreeMap::new();
    for (file, (glyphs, descriptors)) in files {
        let data = document.decoded(file)?;
        let kept = *same.entry(data).or_insert(file);
        let entry = merged.entry(kept).or_default();
        entry.0.extend(glyphs);
        entry.1.extend(descriptors);
        if kept != file {
            // Left for nobody: emptied, so it costs nothing.
            let object = document.objects.get_mut(&file)?;
            object.head = with_lengths(&object.head, 0, 0)?;
            object.stream = Some(Vec::new());
        }
    }
    for (file, (glyphs, descriptors)) in merged {
        let font = truetype::subset(&document.decoded(file)?, &glyphs)?;
        let packed = deflate(&font)?;
        let object = document.objects.get_mut(&file)?;
        object.head = with_lengths(&object.head, packed.len(), font.len())?;
        object.stream = Some(packed);
        for descriptor in descriptors {
            let object = document.objects.get_mut(&descriptor)?;
            let text = std::str::from_utf8(&object.head).ok()?;
            let at = text.find("/FontFile2 ")? + "/FontFile2 ".len();
            let end = at + text[at..].find(' ')?;
            object.head = format!("{}{file}{}", &text[..at], &text[end..]).into_bytes();
        }
    }
    Some(document.write())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_glyphs_drawn_are_read_from_hex_and_literal_strings_by_font() {
        let content = b"BT /F4 12 Tf 10 20 Td <0024002500> Tj /F5 9 Tf [(\\000\\015) -20 <0044>] TJ ET";
        let drawn = glyphs_drawn(content).expect("a content stream");
        assert_eq!(drawn[b"F4".as_slice()], BTreeSet::from([0x24, 0x25]));
        assert_eq!(drawn[b"F5".as_slice()], BTreeSet::from([0x0D, 0x44]));
        assert!(glyphs_drawn(b"BI /W 1 /H 1 ID \x00\xff EI").is_none(), "an inline image is not read");
    }

    #[test]
    fn a_document_that_is_not_as_expected_is_left_alone() {
        assert!(compact(b"%PDF-1.4\nnot really\n").is_none());
        assert!(compact(b"").is_none());
    }
}
