//! Compact aligned tables for people reading a terminal.

/// A table with a header row; columns are as wide as their widest cell.
pub struct Table {
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

/// The gap between columns.
const GAP: &str = "  ";

impl Table {
    pub fn new(headers: &[&'static str]) -> Self {
        Self { headers: headers.to_vec(), rows: Vec::new() }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        debug_assert_eq!(cells.len(), self.headers.len(), "a row has a cell per column");
        self.rows.push(cells);
    }

    /// The table as text, one line per row, each ending in a newline. A column with
    /// nothing in it is left out, and so are trailing blanks.
    pub fn render(&self) -> String {
        let shown: Vec<usize> =
            (0..self.headers.len()).filter(|&c| self.rows.iter().any(|row| !row[c].is_empty())).collect();
        let widths: Vec<usize> = shown
            .iter()
            .map(|&c| {
                self.rows.iter().map(|row| width(&row[c])).chain([width(self.headers[c])]).max().unwrap_or(0)
            })
            .collect();
        let header: Vec<String> = self.headers.iter().map(|h| h.to_string()).collect();
        let mut text = String::new();
        for row in std::iter::once(&header).chain(&self.rows) {
            let mut line = String::new();
            for (i, &column) in shown.iter().enumerate() {
                if i > 0 {
                    line.push_str(GAP);
                }
                let cell = &row[column];
                line.push_str(cell);
                line.extend(std::iter::repeat_n(' ', widths[i] - width(cell)));
            }
            text.push_str(line.trim_end());
            text.push('\n');
        }
        text
    }
}

/// Characters, not bytes: Cyrillic and Arabic names must line up too.
fn width(text: &str) -> usize {
    text.chars().count()
}

/// A two-column block of labelled values ("Proposed by   United States").
pub fn fields(pairs: &[(&str, String)]) -> String {
    let shown: Vec<_> = pairs.iter().filter(|(_, value)| !value.is_empty()).collect();
    let label_width = shown.iter().map(|(label, _)| width(label)).max().unwrap_or(0);
    let mut text = String::new();
    for (label, value) in shown {
        let pad = label_width - width(label);
        text.push_str(&format!("{label}{}{GAP}{value}\n", " ".repeat(pad)));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_whatever_the_script() {
        let mut table = Table::new(&["Id", "Name"]);
        table.row(vec!["1".into(), "Россия".into()]);
        table.row(vec!["12".into(), "Ukraine".into()]);
        assert_eq!(table.render(), "Id  Name\n1   Россия\n12  Ukraine\n");
    }

    #[test]
    fn an_empty_column_is_left_out() {
        let mut table = Table::new(&["Id", "Note", "Name"]);
        table.row(vec!["1".into(), String::new(), "Mali".into()]);
        assert_eq!(table.render(), "Id  Name\n1   Mali\n");
    }

    #[test]
    fn empty_values_are_left_out_of_fields() {
        let text = fields(&[("Kind", "State".into()), ("Member of", String::new()), ("Note", "x".into())]);
        assert_eq!(text, "Kind  State\nNote  x\n");
    }
}
