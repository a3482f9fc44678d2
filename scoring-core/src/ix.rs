//! Positions, one type per kind of thing: an office in a dataset, an
//! indicator, a leaf or group of a rubric, an input, an adjustment.
//!
//! Each is handed out by the collection it indexes ([`Rubric::leaves`],
//! [`Rubric::find_leaf`], [`Scorecard::offices`]…) and cannot be made
//! from a number outside this crate: passing an indicator's position where
//! a leaf's is wanted, or an office's where an input's is, does not
//! compile. Ids are the stable way to name things across rubrics and
//! datasets; these are for walking one rubric's or one scorecard's parts.
//!
//! [`Rubric::leaves`]: crate::Rubric::leaves
//! [`Rubric::find_leaf`]: crate::Rubric::find_leaf
//! [`Scorecard::offices`]: crate::Scorecard::offices

use std::fmt;

macro_rules! positions {
    ($($(#[$doc:meta])* $name:ident,)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(usize);

        impl $name {
            #[inline]
            #[allow(dead_code)]
            pub(crate) const fn new(position: usize) -> Self {
                $name(position)
            }

            /// The position, from 0, in the collection it was handed out
            /// by (for a caller's own tables kept in the same order).
            #[inline]
            pub const fn index(self) -> usize {
                self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self.0)
            }
        }
    )*};
}

positions! {
    /// An office's position in a dataset and in the scorecard made from it
    /// (data-file order).
    OfficeIx,
    /// An indicator's position among [`crate::Rubric::indicators`] (groups
    /// and leaves, parents first).
    IndicatorIx,
    /// A leaf indicator's position among [`crate::Rubric::leaves`] (its
    /// slot: scorecards keep leaves in this order).
    LeafIx,
    /// A group indicator's position among [`crate::Rubric::groups`].
    GroupIx,
    /// An input's position among [`crate::Rubric::inputs`] (dataset
    /// columns follow this order).
    InputIx,
    /// An adjustment's position among [`crate::Rubric::adjustments`].
    AdjustmentIx,
    /// A text column's position among [`crate::Rubric::text_columns`].
    TextIx,
}

/// The position types ([`OfficeIx`], [`LeafIx`]…); sealed: only this
/// crate hands positions out.
pub trait Position: Copy + sealed::Sealed {
    /// The position, from 0.
    fn index(self) -> usize;
}

mod sealed {
    pub trait Sealed {
        fn at(position: usize) -> Self;
    }
}

macro_rules! position_impls {
    ($($name:ident),*) => {$(
        impl sealed::Sealed for $name {
            #[inline]
            fn at(position: usize) -> Self {
                $name(position)
            }
        }
        impl Position for $name {
            #[inline]
            fn index(self) -> usize {
                self.0
            }
        }
    )*};
}

position_impls!(
    OfficeIx,
    IndicatorIx,
    LeafIx,
    GroupIx,
    InputIx,
    AdjustmentIx,
    TextIx
);

/// The items of a rubric's list with their typed positions, in order:
/// what [`crate::Rubric::leaves`], [`crate::Rubric::inputs`] and the like
/// return.
pub struct Positions<'a, I, T> {
    items: &'a [T],
    /// For a list of some of the items (the leaves among the indicators):
    /// which, in order.
    via: Option<&'a [usize]>,
    /// Whether the positions handed out are the items' own (in `items`)
    /// rather than their places in `via`.
    own: bool,
    range: std::ops::Range<usize>,
    ix: std::marker::PhantomData<I>,
}

impl<I, T> Clone for Positions<'_, I, T> {
    fn clone(&self) -> Self {
        Positions {
            items: self.items,
            via: self.via,
            own: self.own,
            range: self.range.clone(),
            ix: std::marker::PhantomData,
        }
    }
}

impl<'a, I, T> Positions<'a, I, T> {
    /// Every item of `items`.
    pub(crate) fn all(items: &'a [T]) -> Self {
        Positions {
            items,
            via: None,
            own: true,
            range: 0..items.len(),
            ix: std::marker::PhantomData,
        }
    }

    /// The items of `items` at `via`, in that order, each with its place
    /// in `via` (a leaf's slot among the leaves).
    pub(crate) fn some(items: &'a [T], via: &'a [usize]) -> Self {
        Positions {
            items,
            via: Some(via),
            own: false,
            range: 0..via.len(),
            ix: std::marker::PhantomData,
        }
    }

    /// The items of `items` at `via`, in that order, each with its own
    /// position in `items` (the top-level indicators among all).
    pub(crate) fn picked(items: &'a [T], via: &'a [usize]) -> Self {
        Positions {
            own: true,
            ..Positions::some(items, via)
        }
    }

    /// The items alone, without their positions.
    pub fn items(self) -> impl ExactSizeIterator<Item = &'a T> + DoubleEndedIterator + Clone
    where
        I: Position,
        T: 'a,
    {
        self.map(|(_, item)| item)
    }

    /// Whether there are none left.
    pub fn is_empty(&self) -> bool {
        self.range.is_empty()
    }

    fn item(&self, k: usize) -> &'a T {
        &self.items[self.position(k)]
    }

    /// The position in `items` of the `k`th item listed.
    fn position(&self, k: usize) -> usize {
        match self.via {
            Some(via) => via[k],
            None => k,
        }
    }

    /// The position handed out for the `k`th item listed.
    fn handed_out(&self, k: usize) -> usize {
        if self.own { self.position(k) } else { k }
    }
}

impl<'a, I: Position, T> Iterator for Positions<'a, I, T> {
    type Item = (I, &'a T);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let k = self.range.next()?;
        Some((sealed::Sealed::at(self.handed_out(k)), self.item(k)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.range.size_hint()
    }
}

impl<I: Position, T> DoubleEndedIterator for Positions<'_, I, T> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let k = self.range.next_back()?;
        Some((sealed::Sealed::at(self.handed_out(k)), self.item(k)))
    }
}

impl<I: Position, T> ExactSizeIterator for Positions<'_, I, T> {}

impl<I, T: fmt::Debug> fmt::Debug for Positions<'_, I, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.range.clone().map(|k| self.item(k)))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use crate::{IndicatorIx, Rubric, bundled};

    /// Each list hands out the positions its items are looked up by.
    #[test]
    fn positions_look_their_items_up() {
        let rubric = Rubric::from_yaml("s", bundled::SHANDONG_2017).unwrap();
        assert!(rubric.roots().len() > 1);
        for (ix, root) in rubric.roots() {
            assert_eq!(rubric.indicator(ix).id, root.id);
            assert_eq!(root.parent, None);
        }
        for (ix, leaf) in rubric.leaves() {
            assert_eq!(rubric.leaf(ix).id, leaf.id);
        }
        for (ix, group) in rubric.groups() {
            assert_eq!(rubric.group(ix).id, group.id);
        }
        for (ix, ind) in rubric.indicators() {
            assert_eq!(rubric.indicator(ix).id, ind.id);
            for &c in ind.children() {
                assert_eq!(rubric.indicator(c).parent, Some(ix));
            }
        }
        let back: Vec<IndicatorIx> = rubric.roots().rev().map(|(r, _)| r).collect();
        let forth: Vec<IndicatorIx> = rubric.roots().map(|(r, _)| r).collect();
        assert_eq!(back.into_iter().rev().collect::<Vec<_>>(), forth);
    }
}
