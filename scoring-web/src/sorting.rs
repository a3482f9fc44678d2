//! Stable sorting with one copy of the standard library's sort, for the
//! page's lists (results, the grid, an indicator's offices).
//!
//! Each call of `sort_by` is a copy of the standard library's sort of its
//! own, about 3 KB of the WebAssembly the page downloads before it is
//! ready. This sorts positions through one `dyn` comparison instead, so
//! that every caller shares one copy. `scoring-core` has the same helper
//! (`sorting`) for its own: a crate's private helper is not shared
//! without making it public API.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, as `v.sort_by(cmp)` does.
pub(crate) fn sort_by<T>(v: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = {
        let items = &*v;
        positions(items.len(), &mut |a, b| cmp(&items[a], &items[b]))
    };
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// `0..n`, sorted stably by `cmp`: the one copy of the sort.
#[inline(never)]
fn positions(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorts_stably_as_the_standard_sort() {
        let v: Vec<(u8, u32)> = (0..500u32).map(|i| ((i * 7919 % 13) as u8, i)).collect();
        let mut want = v.clone();
        want.sort_by_key(|p| std::cmp::Reverse(p.0));
        let mut got = v;
        super::sort_by(&mut got, |a, b| b.0.cmp(&a.0));
        assert_eq!(got, want);
        let mut none: Vec<u8> = Vec::new();
        super::sort_by(&mut none, Ord::cmp);
        assert!(none.is_empty());
    }
}
