//! What a total means beyond its number: grade bands (90分以上为优秀…),
//! vetoes (一票否决), and a top share by place (前四分之一为先进).
//!
//! **One home.** Their keys in a rubric file (and so the schema and the
//! docs), reading and validating them, their canonical form (fingerprint
//! and diff), what each office gets, and the words. The engine
//! (`score.rs`) applies `Grading::judge` once the totals and places
//! are known.
//!
//! What the rubric must settle, because published rubrics leave it open,
//! is settled by the file's shape: every band is written with its lower
//! edge, inclusive (`at_least: 90` is "90 and above"), in descending
//! order, down to `at_least: 0`, so that every total has exactly one band
//! and 89.5 is never between two; bands read the published total, as
//! places do. A top share says how its count is rounded and what happens
//! to offices tied at its edge. A veto says which band it gives (when
//! there are bands) and may cap the total.

use marked_yaml::types::MarkedMappingNode;
use rust_decimal::Decimal;

use crate::canon::Canon;
use crate::lang::{Lang, Text};
use crate::method::InputRef;
use crate::num::plain;
use crate::rubric::{InputKind, Loader, Location, RubricProblem};
use crate::spec::{Bound, Kind, Param, Shape};

/// A grade band: totals from `at_least` up to the next band's edge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    /// Its name (优秀, 良好, 合格, 不合格).
    pub name: Text,
    /// Its lower edge, inclusive.
    pub at_least: Decimal,
    /// Where it is declared.
    pub location: Option<Location>,
}

/// A veto (一票否决): an event that decides the grade whatever the points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Veto {
    /// Stable id.
    pub id: String,
    /// Its name (发生重大泄密事件).
    pub name: Text,
    /// The flag that vetoes.
    pub input: InputRef,
    /// The band a vetoed office gets (its position among the bands), when
    /// the rubric has bands.
    pub grade: Option<usize>,
    /// The most a vetoed office's total can be, if the rubric says so.
    pub total_at_most: Option<Decimal>,
    /// Whether vetoed offices are placed after every other office (`last`)
    /// rather than by their totals (`by_total`).
    pub placed_last: bool,
    /// Where it is declared.
    pub location: Option<Location>,
}

/// How a share of the offices is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ShareRounding {
    /// Rounded down (a quarter of 10 is 2).
    Down,
    /// Rounded up (a quarter of 10 is 3).
    Up,
    /// Rounded half away from zero (a quarter of 10 is 3, of 9 is 2).
    Nearest,
}

/// What happens to offices tied at the edge of a top share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EdgeTies {
    /// All of them are in (the share may be exceeded).
    Include,
    /// None of them is (the share may not be filled).
    Exclude,
}

/// A top share by place (前四分之一为先进).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopShare {
    /// Its name (先进).
    pub name: Text,
    /// The share of the offices, above 0 and at most 1 (0.25).
    pub share: Decimal,
    /// How the count is rounded.
    pub rounding: ShareRounding,
    /// Offices tied at the edge.
    pub ties: EdgeTies,
}

/// A rubric's bands, vetoes and top share (any of them may be absent).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Grading {
    /// Grade bands, highest first.
    pub bands: Vec<Band>,
    /// Vetoes, in file order.
    pub vetoes: Vec<Veto>,
    /// The top share, if any.
    pub top_share: Option<TopShare>,
}

const BAND_NAME: Param = Param::required("name", Kind::Text, "the band's name (优秀, 合格)");
const AT_LEAST: Param = Param::required(
    "at_least",
    Kind::Decimal {
        min: Bound::Inclusive(Decimal::ZERO),
        max: Bound::Open,
        default: None,
        also: Some("at most the rubric's `total`; below the band before"),
    },
    "the band's lower edge, inclusive: totals from here up to the band above",
);

/// The keys of a grade band.
pub(crate) const BAND: Shape = Shape {
    name: "grade bands",
    params: &[BAND_NAME, AT_LEAST],
    one_of: &[],
};

const VETO_ID: Param = Param::required("id", Kind::Id, "stable id");
const VETO_NAME: Param = Param::required("name", Kind::Text, "what happened (发生重大泄密事件)");
const VETO_INPUT: Param = Param::required(
    "input",
    Kind::Input(&[InputKind::Flag]),
    "the flag that vetoes when set",
);
const VETO_GRADE: Param = Param::optional(
    "grade",
    Kind::Scalar,
    "the band a vetoed office gets, by name; required when the rubric has `grades`",
);
const VETO_TOTAL: Param = Param::optional(
    "total_at_most",
    Kind::Decimal {
        min: Bound::Inclusive(Decimal::ZERO),
        max: Bound::Open,
        default: None,
        also: Some("at most the rubric's `total`"),
    },
    "the most a vetoed office's total can be (总分按59分计: 59); required when the rubric has no `grades`",
);

const VETO_PLACED: Param = Param::required(
    "placed",
    Kind::Choice {
        choices: &["last", "by_total"],
        default: None,
    },
    "where a vetoed office is placed: `last` (after every office not vetoed) or `by_total` (by its total, like any other)",
);

/// The keys of a veto.
pub(crate) const VETO: Shape = Shape {
    name: "vetoes",
    params: &[
        VETO_ID,
        VETO_NAME,
        VETO_INPUT,
        VETO_GRADE,
        VETO_TOTAL,
        VETO_PLACED,
    ],
    one_of: &[],
};

const SHARE_NAME: Param = Param::required("name", Kind::Text, "the share's name (先进)");
const SHARE: Param = Param::required(
    "share",
    Kind::Decimal {
        min: Bound::Exclusive(Decimal::ZERO),
        max: Bound::Inclusive(Decimal::ONE),
        default: None,
        also: None,
    },
    "the share of the offices, as a fraction (0.25 for a quarter)",
);
const ROUNDING: Param = Param::required(
    "rounding",
    Kind::Choice {
        choices: &["down", "up", "nearest"],
        default: None,
    },
    "how the count (share × offices) is rounded: `down`, `up` or `nearest` (half away from zero)",
);
const TIES: Param = Param::required(
    "ties",
    Kind::Choice {
        choices: &["include", "exclude"],
        default: None,
    },
    "offices tied at the edge: all `include`d (the share may be exceeded) or all `exclude`d",
);

/// The keys of a top share.
pub(crate) const TOP_SHARE: Shape = Shape {
    name: "top share",
    params: &[SHARE_NAME, SHARE, ROUNDING, TIES],
    one_of: &[],
};

/// Reads a rubric's `grades`, `vetoes` and `top_share`, reporting every
/// problem located.
pub(crate) fn load(loader: &mut Loader<'_>, map: &MarkedMappingNode, total: Decimal) -> Grading {
    let bands = loader.list(
        map,
        &BAND,
        "grades",
        ("a list of grade bands", "等次列表"),
        ("a grade band (name, at_least)", "等次（name、at_least）"),
        |cx, read: &[Band]| {
            let name = cx.text(&BAND_NAME);
            let at = cx.location();
            let at_least = cx.decimal_at_most(&AT_LEAST, total);
            cx.node(AT_LEAST.key)?;
            let name = name?;
            if let Some(above) = read.last()
                && at_least >= above.at_least
            {
                let path = cx.key_path(AT_LEAST.key);
                cx.error(
                    &path,
                    at,
                    RubricProblem::BandsOutOfOrder {
                        at_least: plain(at_least),
                        above: plain(above.at_least),
                    },
                );
                return None;
            }
            if read.iter().any(|b| b.name.zh == name.zh) {
                let path = cx.key_path(BAND_NAME.key);
                cx.error(
                    &path,
                    at,
                    RubricProblem::DuplicateId {
                        id: name.zh.clone(),
                        first: read
                            .iter()
                            .find(|b| b.name.zh == name.zh)
                            .and_then(|b| b.location),
                    },
                );
                return None;
            }
            Some(Band {
                name,
                at_least,
                location: at,
            })
        },
    );
    if let Some(last) = bands.last()
        && !last.at_least.is_zero()
    {
        loader.rule_error(
            "grades",
            last.location,
            RubricProblem::BandsDoNotReachZero {
                lowest: plain(last.at_least),
            },
        );
    }
    let has_bands = !bands.is_empty();
    let band_names: Vec<Text> = bands.iter().map(|b| b.name.clone()).collect();
    let vetoes = loader.list(
        map,
        &VETO,
        "vetoes",
        ("a list of vetoes", "一票否决项列表"),
        (
            "a veto (id, name, input…)",
            "一票否决项（id、name、input…）",
        ),
        |cx, read: &[Veto]| {
            let id = cx.id();
            let name = cx.text(&VETO_NAME);
            let input = cx.input(&VETO_INPUT);
            let placed = cx.choice(&VETO_PLACED, |s| match s {
                "last" => Some(true),
                "by_total" => Some(false),
                _ => None,
            });
            let total_given = cx.node(VETO_TOTAL.key).is_some();
            let total_at_most = total_given.then(|| cx.decimal_at_most(&VETO_TOTAL, total));
            let grade = match cx.node(VETO_GRADE.key) {
                Some(marked_yaml::Node::Scalar(s)) => {
                    let written = s.as_str().trim();
                    match band_names
                        .iter()
                        .position(|b| b.zh == written || b.en.as_deref() == Some(written))
                    {
                        Some(k) => Some(k),
                        None => {
                            let path = cx.key_path(VETO_GRADE.key);
                            let at = crate::rubric::span_location(s.span());
                            cx.error(
                                &path,
                                at,
                                RubricProblem::UnknownBand {
                                    name: written.to_string(),
                                    bands: band_names
                                        .iter()
                                        .map(|b| b.zh.clone())
                                        .collect::<Vec<_>>()
                                        .join("/"),
                                },
                            );
                            return None;
                        }
                    }
                }
                Some(other) => {
                    let path = cx.key_path(VETO_GRADE.key);
                    cx.wrong_type(other, &path, "a band's name", "等次名称");
                    return None;
                }
                None => None,
            };
            let (Some((id, at)), Some(name), Some(input), Some(placed_last)) =
                (id, name, input, placed)
            else {
                return None;
            };
            if has_bands && grade.is_none() {
                cx.missing(VETO_GRADE.key);
                return None;
            }
            if !has_bands && total_at_most.is_none() {
                cx.error_here(RubricProblem::VetoDoesNothing { id });
                return None;
            }
            if let Some(first) = read.iter().find(|v| v.id == id) {
                let path = cx.key_path("id");
                cx.error(
                    &path,
                    at,
                    RubricProblem::DuplicateId {
                        id,
                        first: first.location,
                    },
                );
                return None;
            }
            Some(Veto {
                id,
                name,
                input,
                grade,
                total_at_most,
                placed_last,
                location: at,
            })
        },
    );
    let top_share = loader.mapping(
        map,
        &TOP_SHARE,
        "top_share",
        (
            "a top share (name, share, rounding, ties)",
            "前若干名（name、share、rounding、ties）",
        ),
        |cx| {
            let name = cx.text(&SHARE_NAME);
            let share_given = cx.node(SHARE.key).is_some();
            let share = cx.decimal(&SHARE);
            let rounding = cx.choice(&ROUNDING, |s| match s {
                "down" => Some(ShareRounding::Down),
                "up" => Some(ShareRounding::Up),
                "nearest" => Some(ShareRounding::Nearest),
                _ => None,
            });
            let ties = cx.choice(&TIES, |s| match s {
                "include" => Some(EdgeTies::Include),
                "exclude" => Some(EdgeTies::Exclude),
                _ => None,
            });
            if !share_given {
                return None;
            }
            Some(TopShare {
                name: name?,
                share,
                rounding: rounding?,
                ties: ties?,
            })
        },
    );
    Grading {
        bands,
        vetoes,
        top_share,
    }
}

/// What one office's total means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Judged {
    /// Its band (position), when the rubric has bands.
    pub band: Option<u16>,
    /// The veto that applied (position), if any.
    pub veto: Option<u16>,
    /// Whether it is in the top share.
    pub top: bool,
}

impl Grading {
    /// Whether the rubric says anything beyond the number.
    pub(crate) fn is_empty(&self) -> bool {
        self.bands.is_empty() && self.vetoes.is_empty() && self.top_share.is_none()
    }

    /// The band of a published total (the first whose edge it reaches).
    pub fn band_of(&self, total: Decimal) -> Option<usize> {
        self.bands.iter().position(|b| total >= b.at_least)
    }

    /// How many offices a top share of `offices` holds, before ties.
    pub fn share_count(share: &TopShare, offices: usize) -> usize {
        let exact = share.share * Decimal::from(offices);
        let n = match share.rounding {
            ShareRounding::Down => exact.floor(),
            ShareRounding::Up => exact.ceil(),
            ShareRounding::Nearest => exact
                .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero),
        };
        usize::try_from(n.mantissa()).unwrap_or(0).min(offices)
    }

    /// Every office's band, veto and top-share standing, from its
    /// published total, its place, and whether each veto's flag is set
    /// (`vetoed(k, o)`).
    pub(crate) fn judge(
        &self,
        totals: &[Decimal],
        places: &[u32],
        vetoed: impl Fn(usize, usize) -> bool,
    ) -> Vec<Judged> {
        let n = totals.len();
        let mut out: Vec<Judged> = (0..n)
            .map(|o| {
                let veto = (0..self.vetoes.len()).find(|&k| vetoed(k, o));
                let band = match veto.and_then(|k| self.vetoes[k].grade) {
                    Some(b) => Some(b),
                    None => self.band_of(totals[o]),
                };
                Judged {
                    band: band.map(|b| b as u16),
                    veto: veto.map(|k| k as u16),
                    top: false,
                }
            })
            .collect();
        if let Some(share) = &self.top_share {
            // Vetoed offices are never in it, and do not count.
            let eligible: Vec<usize> = (0..n).filter(|&o| out[o].veto.is_none()).collect();
            let count = Grading::share_count(share, eligible.len());
            if count > 0 {
                let mut by_place = eligible.clone();
                by_place.sort_by_key(|&o| (places[o], o));
                let edge = places[by_place[count - 1]];
                let after = by_place.get(count).map(|&o| places[o]);
                let tied_at_edge = after == Some(edge);
                for &o in &by_place {
                    let p = places[o];
                    out[o].top = p < edge
                        || (p == edge && (!tied_at_edge || share.ties == EdgeTies::Include));
                }
            }
        }
        out
    }

    /// The canonical form (fingerprint and diff): nothing when the rubric
    /// has none of these, so that other rubrics keep their fingerprints.
    pub(crate) fn canonical(&self) -> Canon {
        let mut out = Canon::default();
        for (k, b) in self.bands.iter().enumerate() {
            out.text(&format!("grades.{k}.name"), &b.name);
            out.decimal(&format!("grades.{k}.at_least"), b.at_least);
        }
        for v in &self.vetoes {
            out.text(&format!("vetoes.{}.name", v.id), &v.name);
            out.value(format!("vetoes.{}.input", v.id), v.input.id.clone());
            if let Some(g) = v.grade {
                out.text(&format!("vetoes.{}.grade", v.id), &self.bands[g].name);
            }
            if let Some(t) = v.total_at_most {
                out.decimal(&format!("vetoes.{}.total_at_most", v.id), t);
            }
            out.value(
                format!("vetoes.{}.placed", v.id),
                if v.placed_last { "last" } else { "by_total" },
            );
        }
        if let Some(s) = &self.top_share {
            out.text("top_share.name", &s.name);
            out.decimal("top_share.share", s.share);
            out.value(
                "top_share.rounding",
                match s.rounding {
                    ShareRounding::Down => "down",
                    ShareRounding::Up => "up",
                    ShareRounding::Nearest => "nearest",
                },
            );
            out.value(
                "top_share.ties",
                match s.ties {
                    EdgeTies::Include => "include",
                    EdgeTies::Exclude => "exclude",
                },
            );
        }
        out
    }

    /// The bands in words: `90分及以上为优秀，80分及以上为良好…`.
    pub fn words(&self, lang: Lang) -> Option<String> {
        if self.bands.is_empty() {
            return None;
        }
        let each: Vec<String> = self
            .bands
            .iter()
            .map(|b| match lang {
                Lang::Zh if b.at_least.is_zero() => format!("其余为{}", b.name.get(lang)),
                Lang::Zh => format!("{}分及以上为{}", plain(b.at_least), b.name.get(lang)),
                Lang::En if b.at_least.is_zero() => format!("{} below that", b.name.get(lang)),
                Lang::En => format!("{} from {}", b.name.get(lang), plain(b.at_least)),
            })
            .collect();
        Some(match lang {
            Lang::Zh => each.join("，"),
            Lang::En => each.join(", "),
        })
    }
}
