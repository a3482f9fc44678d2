//! Stable sorting with one copy of the standard library's sort.
//!
//! Each call of `sort_by` or `sort_by_key` is a copy of the standard
//! library's sort of its own: about 3 KB of WebAssembly each, which the
//! page downloads before it is ready (26 of them in 2026-11). These sort
//! positions through one `dyn` comparison instead, so every caller shares
//! one copy. For what a rubric or a person's list holds (tens to thousands
//! of entries), never for scoring's own paths over every office
//! (`ranking`, `score`, `grading`, a report's ranking), which keep the
//! standard sort.
//!
//! `scoring-web` has the same helper for its own lists (a crate's private
//! helper cannot be shared without making it public API).

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

/// Sorts `v` stably by the key `key` gives, as `v.sort_by_key(key)` does.
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
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
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard library's stable sort, equal
        /// keys kept in their order.
        #[test]
        fn sorts_as_the_standard_sort(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut want = v.clone();
            want.sort_by_key(|p| p.0);
            let mut got = v.clone();
            sort_by_key(&mut got, |p| p.0);
            prop_assert_eq!(&got, &want);
            let mut want = v.clone();
            want.sort_by_key(|p| std::cmp::Reverse(p.1));
            let mut got = v;
            sort_by(&mut got, |a, b| b.1.cmp(&a.1));
            prop_assert_eq!(got, want);
        }
    }
}
