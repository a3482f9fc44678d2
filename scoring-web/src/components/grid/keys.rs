//! Where the keyboard takes the cursor, as in a spreadsheet.

/// The grid's size and the cursor, for working out a move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The cursor's row (in the order shown).
    pub row: usize,
    /// The cursor's column (0 = the name).
    pub col: usize,
    /// Rows shown.
    pub rows: usize,
    /// Columns.
    pub cols: usize,
    /// Rows on one screen (PageUp, PageDown).
    pub page: usize,
}

/// The cell a navigation key moves to (it may be the cell itself, at an
/// edge), or `None` for a key that does not move. `ctrl` jumps to the
/// grid's edge (Ctrl+arrows, Ctrl+Home, Ctrl+End).
pub fn target(key: &str, ctrl: bool, shift: bool, p: Place) -> Option<(usize, usize)> {
    if p.rows == 0 || p.cols == 0 {
        return None;
    }
    let last_row = p.rows - 1;
    let last_col = p.cols - 1;
    let (row, col) = (p.row.min(last_row), p.col.min(last_col));
    Some(match key {
        "ArrowDown" if ctrl => (last_row, col),
        "ArrowUp" if ctrl => (0, col),
        "ArrowRight" if ctrl => (row, last_col),
        "ArrowLeft" if ctrl => (row, 0),
        "ArrowDown" => ((row + 1).min(last_row), col),
        "ArrowUp" => (row.saturating_sub(1), col),
        "ArrowRight" => (row, (col + 1).min(last_col)),
        "ArrowLeft" => (row, col.saturating_sub(1)),
        "Enter" if shift => (row.saturating_sub(1), col),
        "Enter" => ((row + 1).min(last_row), col),
        "Tab" if shift => (row, col.saturating_sub(1)),
        "Tab" => (row, (col + 1).min(last_col)),
        "Home" if ctrl => (0, 0),
        "End" if ctrl => (last_row, last_col),
        "Home" => (row, 0),
        "End" => (row, last_col),
        "PageDown" => ((row + p.page.max(1)).min(last_row), col),
        "PageUp" => (row.saturating_sub(p.page.max(1)), col),
        _ => return None,
    })
}

/// Tabs along a row, then Enter, as in a spreadsheet: Enter goes down to
/// the column the Tabs started from. Given the key, the run's start (if
/// any), the column left and the column `target` chose: the column to go
/// to, and the run's start after the move.
pub fn after_tabs(
    key: &str,
    shift: bool,
    tab_from: Option<usize>,
    from_col: usize,
    to_col: usize,
) -> (usize, Option<usize>) {
    match (key, shift) {
        ("Tab", false) => (to_col, Some(tab_from.unwrap_or(from_col))),
        ("Tab", true) => (to_col, tab_from),
        ("Enter", false) => (tab_from.unwrap_or(to_col), None),
        _ => (to_col, None),
    }
}

/// Whether a key types a character into a cell (rather than moving or
/// commanding): one character, without Ctrl, Alt or Meta. `Process` is a
/// key an input method is composing with.
pub fn types(key: &str, ctrl: bool, alt: bool) -> bool {
    !ctrl && !alt && (key.chars().count() == 1 || key == "Process")
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: Place = Place {
        row: 2,
        col: 3,
        rows: 10,
        cols: 6,
        page: 4,
    };

    #[test]
    fn moves_stop_at_the_edges() {
        assert_eq!(target("ArrowDown", false, false, P), Some((3, 3)));
        assert_eq!(target("ArrowUp", false, false, P), Some((1, 3)));
        assert_eq!(target("Tab", false, false, P), Some((2, 4)));
        assert_eq!(target("Tab", false, true, P), Some((2, 2)));
        assert_eq!(target("Enter", false, true, P), Some((1, 3)));
        let corner = Place {
            row: 9,
            col: 5,
            ..P
        };
        assert_eq!(target("ArrowDown", false, false, corner), Some((9, 5)));
        assert_eq!(target("Tab", false, false, corner), Some((9, 5)));
        let origin = Place {
            row: 0,
            col: 0,
            ..P
        };
        assert_eq!(target("ArrowUp", false, false, origin), Some((0, 0)));
        assert_eq!(target("ArrowLeft", false, false, origin), Some((0, 0)));
    }

    #[test]
    fn enter_after_tabs_goes_back_to_where_they_started() {
        // Typed in column 1, Tab, Tab: the run started at 1.
        let (col, run) = after_tabs("Tab", false, None, 1, 2);
        assert_eq!((col, run), (2, Some(1)));
        let (col, run) = after_tabs("Tab", false, run, 2, 3);
        assert_eq!((col, run), (3, Some(1)));
        // Enter: down, to column 1; the run is over.
        assert_eq!(after_tabs("Enter", false, run, 3, 3), (1, None));
        // Without Tabs, Enter keeps the column; an arrow ends a run.
        assert_eq!(after_tabs("Enter", false, None, 3, 3), (3, None));
        assert_eq!(after_tabs("ArrowRight", false, Some(1), 3, 4), (4, None));
        assert_eq!(after_tabs("Tab", true, Some(1), 3, 2), (2, Some(1)));
    }

    #[test]
    fn jumps() {
        assert_eq!(target("ArrowDown", true, false, P), Some((9, 3)));
        assert_eq!(target("ArrowLeft", true, false, P), Some((2, 0)));
        assert_eq!(target("End", true, false, P), Some((9, 5)));
        assert_eq!(target("Home", false, false, P), Some((2, 0)));
        assert_eq!(target("PageDown", false, false, P), Some((6, 3)));
        assert_eq!(target("PageUp", false, false, P), Some((0, 3)));
        assert_eq!(target("x", false, false, P), None);
        let empty = Place { rows: 0, ..P };
        assert_eq!(target("ArrowDown", false, false, empty), None);
    }

    #[test]
    fn typing_keys() {
        assert!(types("7", false, false));
        assert!(types("处", false, false));
        assert!(types("Process", false, false));
        assert!(!types("z", true, false));
        assert!(!types("ArrowDown", false, false));
        assert!(!types("F2", false, false));
    }
}
