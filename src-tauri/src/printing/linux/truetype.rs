//! A TrueType font cut down to the glyphs a PDF draws. Glyph ids stay as they are (the
//! PDF's text names glyphs by id): the outlines of the glyphs not drawn are emptied, and
//! the tables a PDF viewer never reads from an embedded font (layout, kerning, glyph
//! names) are left out.

use std::collections::BTreeSet;

/// The tables kept, in the order the font lists them (by tag). A PDF reads the outlines
/// (`glyf`, `loca`), the metrics (`head`, `hhea`, `hmtx`, `maxp`, `OS/2`), the hinting
/// (`cvt `, `fpgm`, `prep`, `gasp`) and, in some viewers, `cmap`; `post` is written anew
/// without glyph names.
const KEPT: [&[u8; 4]; 12] = [
    b"OS/2", b"cmap", b"cvt ", b"fpgm", b"gasp", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp",
    b"prep",
];

/// Composite glyph flags (OpenType `glyf` table).
const ARG_1_AND_2_ARE_WORDS: u16 = 0x0001;
const WE_HAVE_A_SCALE: u16 = 0x0008;
const MORE_COMPONENTS: u16 = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE: u16 = 0x0040;
const WE_HAVE_A_TWO_BY_TWO: u16 = 0x0080;

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

struct Font<'a> {
    data: &'a [u8],
    tables: Vec<([u8; 4], &'a [u8])>,
}

impl<'a> Font<'a> {
    fn read(data: &'a [u8]) -> Option<Self> {
        let version = u32_at(data, 0)?;
        // TrueType outlines only: 1.0 or 'true'.
        if version != 0x0001_0000 && version != 0x7472_7565 {
            return None;
        }
        let count = usize::from(u16_at(data, 4)?);
        let mut tables = Vec::with_capacity(count);
        for i in 0..count {
            let record = 12 + 16 * i;
            let tag: [u8; 4] = data.get(record..record + 4)?.try_into().ok()?;
            let offset = u32_at(data, record + 8)? as usize;
            let length = u32_at(data, record + 12)? as usize;
            tables.push((tag, data.get(offset..offset.checked_add(length)?)?));
        }
        Some(Self { data, tables })
    }

    fn table(&self, tag: &[u8; 4]) -> Option<&'a [u8]> {
        self.tables.iter().find(|(t, _)| t == tag).map(|(_, table)| *table)
    }
}

/// Where each glyph's outline lies in `glyf`: `count + 1` offsets.
fn offsets(font: &Font, count: usize) -> Option<Vec<usize>> {
    let long = u16_at(font.table(b"head")?, 50)? == 1;
    let loca = font.table(b"loca")?;
    (0..=count)
        .map(|i| {
            if long {
                u32_at(loca, 4 * i).map(|o| o as usize)
            } else {
                u16_at(loca, 2 * i).map(|o| 2 * o as usize)
            }
        })
        .collect()
}

/// The glyphs a composite glyph is made of.
fn components(outline: &[u8]) -> Option<Vec<u16>> {
    let mut found = Vec::new();
    if outline.len() < 10 || (u16_at(outline, 0)? as i16) >= 0 {
        return Some(found);
    }
    let mut at = 10;
    loop {
        let flags = u16_at(outline, at)?;
        found.push(u16_at(outline, at + 2)?);
        at += 4 + if flags & ARG_1_AND_2_ARE_WORDS != 0 { 4 } else { 2 };
        at += if flags & WE_HAVE_A_SCALE != 0 {
            2
        } else if flags & WE_HAVE_AN_X_AND_Y_SCALE != 0 {
            4
        } else if flags & WE_HAVE_A_TWO_BY_TWO != 0 {
            8
        } else {
            0
        };
        if flags & MORE_COMPONENTS == 0 {
            return Some(found);
        }
    }
}

fn checksum(table: &[u8]) -> u32 {
    table.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// `data` with only the outlines of `used` glyphs (and those they are made of), or `None`
/// when it is not a TrueType font this can read.
pub fn subset(data: &[u8], used: &BTreeSet<u16>) -> Option<Vec<u8>> {
    let font = Font::read(data)?;
    let count = usize::from(u16_at(font.table(b"maxp")?, 4)?);
    let glyf = font.table(b"glyf")?;
    let offsets = offsets(&font, count)?;
    let outline = |glyph: usize| -> Option<&[u8]> { glyf.get(offsets[glyph]..offsets[glyph + 1]) };

    // The glyphs drawn, .notdef, and every component of a composite among them.
    let mut keep = BTreeSet::from([0usize]);
    let mut pending: Vec<usize> = used.iter().map(|&g| usize::from(g)).filter(|&g| g < count).collect();
    while let Some(glyph) = pending.pop() {
        if keep.insert(glyph) || glyph == 0 {
            for part in components(outline(glyph)?)? {
                let part = usize::from(part);
                if part < count && !keep.contains(&part) {
                    pending.push(part);
                }
            }
        }
    }

    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity(4 * (count + 1));
    for glyph in 0..count {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        if keep.contains(&glyph) {
            new_glyf.extend_from_slice(outline(glyph)?);
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());

    // The advance widths of glyphs not drawn are never read: zeros pack to nothing.
    let hmtx = font.table(b"hmtx")?;
    let metrics = usize::from(u16_at(font.table(b"hhea")?, 34)?);
    let mut new_hmtx = vec![0u8; hmtx.len()];
    for &glyph in &keep {
        let (at, size) =
            if glyph < metrics { (4 * glyph, 4) } else { (4 * metrics + 2 * (glyph - metrics), 2) };
        if let Some(bytes) = hmtx.get(at..at + size) {
            new_hmtx[at..at + size].copy_from_slice(bytes);
        }
    }

    let mut head = font.table(b"head")?.to_vec();
    head.get_mut(8..12)?.copy_from_slice(&[0; 4]);
    head.get_mut(50..52)?.copy_from_slice(&1u16.to_be_bytes());
    // Version 3: no glyph names. Italic angle, underline and fixed pitch as they were.
    let mut post = vec![0u8; 32];
    post[0..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
    if let Some(old) = font.table(b"post").and_then(|old| old.get(4..16)) {
        post[4..16].copy_from_slice(old);
    }

    let mut tables: Vec<([u8; 4], Vec<u8>)> = Vec::new();
    for (tag, table) in &font.tables {
        if !KEPT.contains(&tag) {
            continue;
        }
        let table = match tag {
            b"glyf" => std::mem::take(&mut new_glyf),
            b"loca" => std::mem::take(&mut new_loca),
            b"hmtx" => std::mem::take(&mut new_hmtx),
            b"head" => std::mem::take(&mut head),
            _ => table.to_vec(),
        };
        tables.push((*tag, table));
    }
    tables.push((*b"post", post));
    tables.sort_by_key(|(tag, _)| *tag);
    Some(assemble(u32_at(font.data, 0)?, tables))
}

/// A font file of these tables, with its directory and checksums.
fn assemble(version: u32, tables: Vec<([u8; 4], Vec<u8>)>) -> Vec<u8> {
    let count = tables.len() as u16;
    let power = 1u16 << (15 - count.leading_zeros());
    let mut out = Vec::new();
    out.extend_from_slice(&version.to_be_bytes());
    out.extend_from_slice(&count.to_be_bytes());
    out.extend_from_slice(&(power * 16).to_be_bytes());
    out.extend_from_slice(&(power.trailing_zeros() as u16).to_be_bytes());
    out.extend_from_slice(&(count * 16 - power * 16).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    for (tag, table) in &tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(table).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(table.len() as u32).to_be_bytes());
        offset += table.len().div_ceil(4) * 4;
    }
    let mut head_at = None;
    for (tag, table) in &tables {
        if tag == b"head" {
            head_at = Some(out.len());
        }
        out.extend_from_slice(table);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    if let Some(at) = head_at {
        let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjustment.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEJAVU: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    #[test]
    fn a_subset_keeps_the_glyphs_drawn_under_their_ids_and_little_else() {
        // The font WebKit prints with here; a machine without it has nothing to check.
        let Ok(font) = std::fs::read(DEJAVU) else { return };
        let used = BTreeSet::from([36u16, 37, 38, 68, 69, 70]);
        let small = subset(&font, &used).expect("DejaVu Sans is read");
        assert!(small.len() < font.len() / 4, "{} bytes of {}", small.len(), font.len());
        let before = Font::read(&font).unwrap();
        let after = Font::read(&small).expect("the subset is a font");
        let count = usize::from(u16_at(after.table(b"maxp").unwrap(), 4).unwrap());
        let (old, new) = (offsets(&before, count).unwrap(), offsets(&after, count).unwrap());
        for glyph in 0..count {
            let kept = new[glyph + 1] - new[glyph];
            if glyph == 0 || used.contains(&(glyph as u16)) {
                let outline = &before.table(b"glyf").unwrap()[old[glyph]..old[glyph + 1]];
                assert_eq!(&after.table(b"glyf").unwrap()[new[glyph]..new[glyph] + outline.len()], outline);
            } else {
                assert_eq!(kept, 0, "glyph {glyph} was kept");
            }
        }
        assert_eq!(checksum(&small), 0xB1B0_AFBA, "the font's checksum is not adjusted");
    }

    #[test]
    fn what_is_not_a_truetype_font_is_left_alone() {
        assert!(subset(b"OTTO\0\0\0\0", &BTreeSet::new()).is_none());
        assert!(subset(b"", &BTreeSet::new()).is_none());
    }
}
