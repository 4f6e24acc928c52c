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

    /// The table as text, one line per row, each ending in a newline. Trailing blanks are
    /// left out so that a short last cell does not pad the line.
    pub fn render(&self) -> String {
        let widths: Vec<usize> = (0..self.headers.len())
            .map(|column| {
                let cells = self.rows.iter().map(|row| width(&row[column]));
                cells.chain([width(self.headers[column])]).max().unwrap_or(0)
            })
            .collect();
        let header: Vec<String> = self.headers.iter().map(|h| h.to_string()).collect();
        let mut text = String::new();
        for row in std::iter::once(&header).chain(&self.rows) {
            let mut line = String::new();
            for (column, cell) in row.iter().enumerate() {
                if column > 0 {
                    line.push_str(GAP);
                }
                line.push_str(cell);
                line.extend(std::iter::repeat_n(' ', widths[column] - width(cell)));
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
    fn empty_values_are_left_out_of_fields() {
        let text = fields(&[("Kind", "State".into()), ("Member of", String::new()), ("Note", "x".into())]);
        assert_eq!(text, "Kind  State\nNote  x\n");
    }
}
