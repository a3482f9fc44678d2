//! Errors found while loading and validating a rubric.
//!
//! A rubric file is checked as a whole: every problem is reported at once,
//! each with the YAML path and the line and column it sits at.

use std::fmt;

use crate::diagnostic::{Diagnostic, serialize_as_diagnostics};
use crate::lang::Lang;
use crate::rubric::Location;

/// What is wrong at one place of a rubric file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RubricProblem {
    /// The file is not valid YAML.
    #[error("{}", self.message(Lang::En))]
    Syntax {
        /// The parser's own description.
        detail: String,
    },
    /// The file holds nothing.
    #[error("{}", self.message(Lang::En))]
    EmptyFile,
    /// The file nests deeper than any rubric does (refused before it is
    /// parsed, whose recursion a file thousands of levels deep would
    /// exhaust).
    #[error("{}", self.message(Lang::En))]
    TooDeep {
        /// The most levels read.
        limit: usize,
    },
    /// A mapping key appears twice.
    #[error("{}", self.message(Lang::En))]
    DuplicateKey {
        /// The key.
        key: String,
        /// Where it first appears.
        first: Option<Location>,
    },
    /// A required key is missing.
    #[error("{}", self.message(Lang::En))]
    MissingKey {
        /// The key.
        key: String,
    },
    /// A key that means nothing here.
    #[error("{}", self.message(Lang::En))]
    UnknownKey {
        /// The key.
        key: String,
        /// The closest known key, if one is close.
        suggestion: Option<String>,
    },
    /// A value of the wrong shape (a list where a number belongs…).
    #[error("{}", self.message(Lang::En))]
    WrongType {
        /// What was expected, in English (`a number`).
        expected: &'static str,
        /// What was expected, in Chinese.
        expected_zh: &'static str,
    },
    /// Text that is not a plain decimal number.
    #[error("{}", self.message(Lang::En))]
    NotANumber {
        /// The text.
        text: String,
    },
    /// Text that is not a date.
    #[error("{}", self.message(Lang::En))]
    NotADate {
        /// The text.
        text: String,
    },
    /// A value outside what the key allows.
    #[error("{}", self.message(Lang::En))]
    OutOfRange {
        /// The value as written.
        value: String,
        /// The allowed range, in English.
        allowed: String,
        /// The allowed range, in Chinese.
        allowed_zh: String,
    },
    /// A name that is not one of the allowed choices.
    #[error("{}", self.message(Lang::En))]
    UnknownChoice {
        /// The value as written.
        value: String,
        /// The allowed values.
        choices: Vec<&'static str>,
    },
    /// A method name that is not a registered method.
    #[error("{}", self.message(Lang::En))]
    UnknownMethod {
        /// The name as written.
        name: String,
        /// The closest method's name, if one is close.
        suggestion: Option<String>,
    },
    /// An id that is not lower-case letters, digits and underscores.
    #[error("{}", self.message(Lang::En))]
    InvalidId {
        /// The id.
        id: String,
    },
    /// Two indicators, inputs or adjustments share an id.
    #[error("{}", self.message(Lang::En))]
    DuplicateId {
        /// The id.
        id: String,
        /// Where it was first declared.
        first: Option<Location>,
    },
    /// A method or adjustment refers to an input that is not declared.
    #[error("{}", self.message(Lang::En))]
    UnknownInput {
        /// The id referred to.
        id: String,
        /// The closest declared input, if one is close.
        suggestion: Option<String>,
    },
    /// A declared input that nothing reads.
    #[error("{}", self.message(Lang::En))]
    UnusedInput {
        /// The input's id.
        id: String,
    },
    /// An input of the wrong kind for the method reading it.
    #[error("{}", self.message(Lang::En))]
    WrongInputKind {
        /// The input's id.
        id: String,
        /// Its declared kind.
        found: &'static str,
        /// The kinds the method accepts.
        expected: Vec<&'static str>,
    },
    /// The same input in two roles of one method (asked and answered…).
    #[error("{}", self.message(Lang::En))]
    RepeatedInput {
        /// The input's id.
        id: String,
    },
    /// A method parameter given to a method that does not take it.
    #[error("{}", self.message(Lang::En))]
    ParameterNotForMethod {
        /// The parameter.
        key: String,
        /// The method.
        method: String,
    },
    /// An indicator with both `children` and `method`, or neither.
    #[error("{}", self.message(Lang::En))]
    GroupOrLeaf {
        /// The indicator's id.
        id: String,
        /// Whether it has both (true) or neither (false).
        both: bool,
    },
    /// A group without children.
    #[error("{}", self.message(Lang::En))]
    EmptyGroup {
        /// The group's id.
        id: String,
    },
    /// The rubric has no indicators.
    #[error("{}", self.message(Lang::En))]
    EmptyTree,
    /// A group's weight is not the sum of its children's.
    #[error("{}", self.message(Lang::En))]
    WeightMismatch {
        /// The group's id.
        id: String,
        /// The group's weight.
        weight: String,
        /// The children's sum.
        sum: String,
    },
    /// The top-level weights do not add up to the rubric total.
    #[error("{}", self.message(Lang::En))]
    TotalMismatch {
        /// The rubric total.
        total: String,
        /// The top-level sum.
        sum: String,
    },
    /// A rank tally that counts nothing.
    #[error("{}", self.message(Lang::En))]
    EmptyTally,
    /// A reference to a text column that is not declared.
    #[error("{}", self.message(Lang::En))]
    UnknownTextColumn {
        /// The id referred to.
        id: String,
        /// The closest declared text column, if one is close.
        suggestion: Option<String>,
    },
    /// A leaf that may be not applicable in a rubric that does not say how
    /// such offices are scored.
    #[error("{}", self.message(Lang::En))]
    NaRuleNotStated {
        /// The leaf's id.
        id: String,
    },
    /// `may_be_na` on a method that compares offices or has its own rule.
    #[error("{}", self.message(Lang::En))]
    NaNeedsOwnScore {
        /// The method.
        method: String,
    },
    /// An input of a leaf that may be not applicable, read by something
    /// else too.
    #[error("{}", self.message(Lang::En))]
    NaInputShared {
        /// The input's id.
        id: String,
    },
    /// A penalty without cap in a rubric that does not state its lowest
    /// total.
    #[error("{}", self.message(Lang::En))]
    FloorNotStated {
        /// The penalty's id.
        id: String,
    },
    /// A bonus without cap.
    #[error("{}", self.message(Lang::En))]
    BonusWithoutCap {
        /// The bonus's id.
        id: String,
    },
    /// A penalty in a bonus pool.
    #[error("{}", self.message(Lang::En))]
    PenaltyInPool {
        /// The penalty's id.
        id: String,
    },
    /// A bonus pool that is not declared.
    #[error("{}", self.message(Lang::En))]
    UnknownPool {
        /// The id written.
        id: String,
        /// The closest declared pool.
        suggestion: Option<String>,
    },
    /// A grade band whose edge is not below the band listed before it.
    #[error("{}", self.message(Lang::En))]
    BandsOutOfOrder {
        /// Its edge.
        at_least: String,
        /// The edge of the band before.
        above: String,
    },
    /// The lowest band does not start at 0: some totals have no band.
    #[error("{}", self.message(Lang::En))]
    BandsDoNotReachZero {
        /// The lowest edge given.
        lowest: String,
    },
    /// A band named that the rubric does not have.
    #[error("{}", self.message(Lang::En))]
    UnknownBand {
        /// The name written.
        name: String,
        /// The rubric's bands.
        bands: String,
    },
    /// A veto with neither a band nor a total to give.
    #[error("{}", self.message(Lang::En))]
    VetoDoesNothing {
        /// The veto's id.
        id: String,
    },
    /// `choices` on an input that is not a `choice`.
    #[error("{}", self.message(Lang::En))]
    ChoicesNotForKind {
        /// The input's kind.
        kind: &'static str,
    },
    /// A name that is not one of a `choice` input's choices.
    #[error("{}", self.message(Lang::En))]
    NotAChoice {
        /// The name as written.
        value: String,
        /// The input's id.
        input: String,
        /// Its choices, `优/良/一般/差`.
        choices: String,
    },
    /// A category whose indicators' weights do not add up to its total.
    #[error("{}", self.message(Lang::En))]
    CategoryTotalMismatch {
        /// The category's id.
        category: String,
        /// Its total.
        total: String,
        /// Its indicators' weights, added up.
        sum: String,
    },
    /// A top-level indicator that no category is scored on.
    #[error("{}", self.message(Lang::En))]
    IndicatorInNoCategory {
        /// The indicator's id.
        id: String,
    },
    /// A category lists an id that is not a top-level indicator.
    #[error("{}", self.message(Lang::En))]
    UnknownTopIndicator {
        /// The id written.
        id: String,
        /// The closest top-level indicator, if one is close.
        suggestion: Option<String>,
    },
    /// A choice of the input that the method gives no points.
    #[error("{}", self.message(Lang::En))]
    ChoiceWithoutPoints {
        /// The choice.
        choice: String,
    },
    /// A leaf whose deductions may go below 0 with no group above it to
    /// cap them.
    #[error("{}", self.message(Lang::En))]
    OverdrawWithoutFloor {
        /// The leaf's id.
        id: String,
    },
    /// A tally term with coefficient 0.
    #[error("{}", self.message(Lang::En))]
    ZeroCoefficient {
        /// The input's id.
        id: String,
    },
}

impl RubricProblem {
    /// The offending text as written, where the problem has one (a value,
    /// a key, an id).
    pub fn text(&self) -> Option<&str> {
        use RubricProblem::*;
        match self {
            NotANumber { text } | NotADate { text } => Some(text),
            OutOfRange { value, .. } | UnknownChoice { value, .. } => Some(value),
            UnknownMethod { name, .. } => Some(name),
            NotAChoice { value, .. } => Some(value),
            UnknownTextColumn { id, .. } | UnknownTopIndicator { id, .. } => Some(id),
            UnknownBand { name, .. } => Some(name),
            UnknownPool { id, .. } => Some(id),
            DuplicateKey { key, .. } | MissingKey { key } | UnknownKey { key, .. } => Some(key),
            InvalidId { id }
            | DuplicateId { id, .. }
            | UnknownInput { id, .. }
            | UnusedInput { id } => Some(id),
            _ => None,
        }
    }
}

impl RubricProblem {
    /// A stable code for this kind of problem (`rubric.syntax`…),
    /// listed in `docs/errors.md`.
    pub fn code(&self) -> &'static str {
        match self {
            RubricProblem::Syntax { .. } => "rubric.syntax",
            RubricProblem::EmptyFile => "rubric.empty_file",
            RubricProblem::TooDeep { .. } => "rubric.too_deep",
            RubricProblem::DuplicateKey { .. } => "rubric.duplicate_key",
            RubricProblem::MissingKey { .. } => "rubric.missing_key",
            RubricProblem::UnknownKey { .. } => "rubric.unknown_key",
            RubricProblem::WrongType { .. } => "rubric.wrong_type",
            RubricProblem::NotANumber { .. } => "rubric.not_a_number",
            RubricProblem::NotADate { .. } => "rubric.not_a_date",
            RubricProblem::OutOfRange { .. } => "rubric.out_of_range",
            RubricProblem::UnknownChoice { .. } => "rubric.unknown_choice",
            RubricProblem::UnknownMethod { .. } => "rubric.unknown_method",
            RubricProblem::InvalidId { .. } => "rubric.invalid_id",
            RubricProblem::DuplicateId { .. } => "rubric.duplicate_id",
            RubricProblem::UnknownInput { .. } => "rubric.unknown_input",
            RubricProblem::UnusedInput { .. } => "rubric.unused_input",
            RubricProblem::WrongInputKind { .. } => "rubric.wrong_input_kind",
            RubricProblem::RepeatedInput { .. } => "rubric.repeated_input",
            RubricProblem::ParameterNotForMethod { .. } => "rubric.parameter_not_for_method",
            RubricProblem::GroupOrLeaf { .. } => "rubric.group_or_leaf",
            RubricProblem::EmptyGroup { .. } => "rubric.empty_group",
            RubricProblem::EmptyTree => "rubric.empty_tree",
            RubricProblem::WeightMismatch { .. } => "rubric.weight_mismatch",
            RubricProblem::TotalMismatch { .. } => "rubric.total_mismatch",
            RubricProblem::EmptyTally => "rubric.empty_tally",
            RubricProblem::ZeroCoefficient { .. } => "rubric.zero_coefficient",
            RubricProblem::OverdrawWithoutFloor { .. } => "rubric.overdraw_without_floor",
            RubricProblem::NotAChoice { .. } => "rubric.not_a_choice",
            RubricProblem::ChoicesNotForKind { .. } => "rubric.choices_not_for_kind",
            RubricProblem::BandsOutOfOrder { .. } => "rubric.bands_out_of_order",
            RubricProblem::FloorNotStated { .. } => "rubric.floor_not_stated",
            RubricProblem::NaRuleNotStated { .. } => "rubric.na_rule_not_stated",
            RubricProblem::NaNeedsOwnScore { .. } => "rubric.na_needs_own_score",
            RubricProblem::NaInputShared { .. } => "rubric.na_input_shared",
            RubricProblem::BonusWithoutCap { .. } => "rubric.bonus_without_cap",
            RubricProblem::PenaltyInPool { .. } => "rubric.penalty_in_pool",
            RubricProblem::UnknownPool { .. } => "rubric.unknown_pool",
            RubricProblem::BandsDoNotReachZero { .. } => "rubric.bands_do_not_reach_zero",
            RubricProblem::UnknownBand { .. } => "rubric.unknown_band",
            RubricProblem::VetoDoesNothing { .. } => "rubric.veto_does_nothing",
            RubricProblem::UnknownTextColumn { .. } => "rubric.unknown_text_column",
            RubricProblem::ChoiceWithoutPoints { .. } => "rubric.choice_without_points",
            RubricProblem::CategoryTotalMismatch { .. } => "rubric.category_total_mismatch",
            RubricProblem::IndicatorInNoCategory { .. } => "rubric.indicator_in_no_category",
            RubricProblem::UnknownTopIndicator { .. } => "rubric.unknown_top_indicator",
        }
    }
}

fn suggest(lang: Lang, suggestion: &Option<String>) -> String {
    match suggestion {
        Some(s) => match lang {
            Lang::Zh => format!("（是否应为 `{s}`？）"),
            Lang::En => format!(" (did you mean `{s}`?)"),
        },
        None => String::new(),
    }
}

fn at(lang: Lang, loc: &Option<Location>) -> String {
    match (loc, lang) {
        (Some(l), Lang::Zh) => format!("（首次出现在第{}行第{}列）", l.line, l.column),
        (Some(l), Lang::En) => format!(" (first at line {}, column {})", l.line, l.column),
        (None, _) => String::new(),
    }
}

impl RubricProblem {
    /// The problem in words, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use RubricProblem::*;
        let zh = lang == Lang::Zh;
        match self {
            Syntax { detail } => {
                if zh {
                    format!("YAML 语法错误：{detail}")
                } else {
                    format!("YAML syntax error: {detail}")
                }
            }
            EmptyFile => lang.pick("文件为空", "the file is empty").into(),
            TooDeep { limit } => match lang {
                Lang::Zh => format!("嵌套超过 {limit} 层：评分细则不会这样深，文件可能已损坏"),
                Lang::En => format!(
                    "nested more than {limit} levels deep: no rubric is, and the file may be damaged"
                ),
            },
            DuplicateKey { key, first } => {
                if zh {
                    format!("键 `{key}` 重复{}", at(lang, first))
                } else {
                    format!("key `{key}` appears twice{}", at(lang, first))
                }
            }
            MissingKey { key } => {
                if zh {
                    format!("缺少必填项 `{key}`")
                } else {
                    format!("missing required key `{key}`")
                }
            }
            UnknownKey { key, suggestion } => {
                if zh {
                    format!("未知的键 `{key}`{}", suggest(lang, suggestion))
                } else {
                    format!("unknown key `{key}`{}", suggest(lang, suggestion))
                }
            }
            WrongType {
                expected,
                expected_zh,
            } => {
                if zh {
                    format!("此处应为{expected_zh}")
                } else {
                    format!("expected {expected} here")
                }
            }
            NotANumber { text } => {
                if zh {
                    format!("`{text}` 不是十进制数")
                } else {
                    format!("`{text}` is not a decimal number")
                }
            }
            NotADate { text } => {
                if zh {
                    format!("`{text}` 不是日期（应写作 2026-07-01）")
                } else {
                    format!("`{text}` is not a date (write 2026-07-01)")
                }
            }
            OutOfRange {
                value,
                allowed,
                allowed_zh,
            } => {
                if zh {
                    format!("值 {value} 超出允许范围：{allowed_zh}")
                } else {
                    format!("{value} is out of range: {allowed}")
                }
            }
            UnknownChoice { value, choices } => {
                let list = choices.join(", ");
                if zh {
                    format!("`{value}` 不是可选值之一（{list}）")
                } else {
                    format!("`{value}` is not one of: {list}")
                }
            }
            UnknownMethod { name, suggestion } => {
                if zh {
                    format!(
                        "没有名为 `{name}` 的评分方法{}；可用的方法见 docs/rubric.md",
                        suggest(lang, suggestion)
                    )
                } else {
                    format!(
                        "there is no method `{name}`{}; docs/rubric.md lists the methods",
                        suggest(lang, suggestion)
                    )
                }
            }
            InvalidId { id } => {
                if zh {
                    format!("标识 `{id}` 无效：只能使用小写字母、数字和下划线，并以字母开头")
                } else {
                    format!(
                        "invalid id `{id}`: use lower-case letters, digits and underscores, starting with a letter"
                    )
                }
            }
            DuplicateId { id, first } => {
                if zh {
                    format!("标识 `{id}` 重复{}", at(lang, first))
                } else {
                    format!("id `{id}` is declared twice{}", at(lang, first))
                }
            }
            UnknownInput { id, suggestion } => {
                if zh {
                    format!("引用了未声明的输入项 `{id}`{}", suggest(lang, suggestion))
                } else {
                    format!("unknown input `{id}`{}", suggest(lang, suggestion))
                }
            }
            UnusedInput { id } => {
                if zh {
                    format!("输入项 `{id}` 已声明但没有任何指标使用")
                } else {
                    format!("input `{id}` is declared but no indicator uses it")
                }
            }
            WrongInputKind {
                id,
                found,
                expected,
            } => {
                let list = expected.join(" / ");
                if zh {
                    format!("输入项 `{id}` 的类型是 {found}，此处需要 {list}")
                } else {
                    format!("input `{id}` is a {found}; this needs a {list}")
                }
            }
            RepeatedInput { id } => {
                if zh {
                    format!("输入项 `{id}` 在同一方法中被用于两个角色")
                } else {
                    format!("input `{id}` is used in two roles of the same method")
                }
            }
            ParameterNotForMethod { key, method } => {
                if zh {
                    format!("参数 `{key}` 不适用于方法 {method}")
                } else {
                    format!("parameter `{key}` does not apply to method {method}")
                }
            }
            GroupOrLeaf { id, both } => match (zh, both) {
                (true, true) => format!("指标 `{id}` 不能同时有 `children` 和 `method`"),
                (true, false) => {
                    format!("指标 `{id}` 需要 `children`（分组）或 `method`（末级指标）")
                }
                (false, true) => {
                    format!(
                        "indicator `{id}` has both `children` and `method`; it must be one or the other"
                    )
                }
                (false, false) => {
                    format!("indicator `{id}` needs `children` (a group) or `method` (a leaf)")
                }
            },
            EmptyGroup { id } => {
                if zh {
                    format!("分组 `{id}` 没有下级指标")
                } else {
                    format!("group `{id}` has no children")
                }
            }
            EmptyTree => lang
                .pick("评分细则没有任何指标", "the rubric has no indicators")
                .into(),
            WeightMismatch { id, weight, sum } => {
                if zh {
                    format!("`{id}` 的权重为 {weight}，但其下级指标权重之和为 {sum}")
                } else {
                    format!("`{id}` weighs {weight} but its children add up to {sum}")
                }
            }
            TotalMismatch { total, sum } => {
                if zh {
                    format!("一级指标权重之和为 {sum}，应等于总分 {total}")
                } else {
                    format!("top-level weights add up to {sum}, not the rubric total {total}")
                }
            }
            EmptyTally => lang
                .pick("`tally` 至少需要一项", "`tally` needs at least one input")
                .into(),
            NaRuleNotStated { id } => {
                if zh {
                    format!(
                        "`{id}` 可以不适用（may_be_na），细则须写明不适用时如何计分（not_applicable: rescale 或 redistribute）"
                    )
                } else {
                    format!(
                        "`{id}` may be not applicable (may_be_na): the rubric must say how such offices are scored (`not_applicable: rescale` or `redistribute`)"
                    )
                }
            }
            NaNeedsOwnScore { method } => {
                if zh {
                    format!("{method} 方法在处室之间比较（或有自己的无数据规则），不能设为可不适用")
                } else {
                    format!(
                        "method {method} compares offices (or has its own rule for nothing to score): it cannot be not applicable"
                    )
                }
            }
            NaInputShared { id } => {
                if zh {
                    format!(
                        "输入项 `{id}` 由可不适用的指标读取，不能再由其他指标或加减分读取（N/A 不是数字）"
                    )
                } else {
                    format!(
                        "input `{id}` is read by a leaf that may be not applicable; nothing else may read it (N/A is not a number)"
                    )
                }
            }
            FloorNotStated { id } => {
                if zh {
                    format!(
                        "扣分项 `{id}` 不设上限（cap: none），细则须写明总分最低可到多少（total_floor，如 0）"
                    )
                } else {
                    format!(
                        "penalty `{id}` has no cap (cap: none): the rubric must state how low a total can go (`total_floor`, such as 0)"
                    )
                }
            }
            BonusWithoutCap { id } => {
                if zh {
                    format!("加分项 `{id}` 必须有上限：只有扣分项可以不设上限")
                } else {
                    format!("bonus `{id}` needs a cap: only penalties may have none")
                }
            }
            PenaltyInPool { id } => {
                if zh {
                    format!("扣分项 `{id}` 不能计入加分项累计上限（pool）")
                } else {
                    format!("penalty `{id}` cannot count in a bonus pool")
                }
            }
            UnknownPool { id, suggestion } => {
                let hint = match (suggestion, zh) {
                    (Some(s), true) => format!("（是否应为 `{s}`？）"),
                    (Some(s), false) => format!(" (did you mean `{s}`?)"),
                    (None, _) => String::new(),
                };
                if zh {
                    format!("没有名为 `{id}` 的加分项累计上限（bonus_pools）{hint}")
                } else {
                    format!("there is no bonus pool `{id}` (bonus_pools){hint}")
                }
            }
            BandsOutOfOrder { at_least, above } => {
                if zh {
                    format!("等次应从高到低排列：{at_least} 不低于上一等次的 {above}")
                } else {
                    format!(
                        "bands go from the highest down: {at_least} is not below the band before's {above}"
                    )
                }
            }
            BandsDoNotReachZero { lowest } => {
                if zh {
                    format!(
                        "最低等次从 {lowest} 分起：低于 {lowest} 分的总分没有等次（最后一个等次应为 at_least: 0）"
                    )
                } else {
                    format!(
                        "the lowest band starts at {lowest}: totals below it have no band (the last band needs `at_least: 0`)"
                    )
                }
            }
            UnknownBand { name, bands } => {
                if zh {
                    format!("没有名为“{name}”的等次（{bands}）")
                } else {
                    format!("there is no band `{name}` ({bands})")
                }
            }
            VetoDoesNothing { id } => {
                if zh {
                    format!(
                        "一票否决项 `{id}` 既没有等次（本细则没有 grades）也没有 total_at_most，无从生效"
                    )
                } else {
                    format!(
                        "veto `{id}` gives neither a band (the rubric has no `grades`) nor a `total_at_most`"
                    )
                }
            }
            ChoicesNotForKind { kind } => {
                if zh {
                    format!("只有 choice 类型的输入项才有 choices（此项为 {kind}）")
                } else {
                    format!("`choices` are for `choice` inputs, not `{kind}`")
                }
            }
            UnknownTextColumn { id, suggestion } => {
                let hint = match (suggestion, zh) {
                    (Some(s), true) => format!("（是否应为 `{s}`？）"),
                    (Some(s), false) => format!(" (did you mean `{s}`?)"),
                    (None, _) => String::new(),
                };
                if zh {
                    format!("`{id}` 不是已声明的文本列（text_columns）{hint}")
                } else {
                    format!("`{id}` is not a declared text column (text_columns){hint}")
                }
            }
            NotAChoice {
                value,
                input,
                choices,
            } => {
                if zh {
                    format!("“{value}”不是输入项 `{input}` 的选项（{choices}）")
                } else {
                    format!("`{value}` is not a choice of input `{input}` ({choices})")
                }
            }
            CategoryTotalMismatch {
                category,
                total,
                sum,
            } => {
                if zh {
                    format!(
                        "类别 `{category}` 所列一级指标的权重之和为 {sum}，应等于该类别的总分 {total}"
                    )
                } else {
                    format!(
                        "the top-level indicators of category `{category}` weigh {sum} together, not its total {total}"
                    )
                }
            }
            IndicatorInNoCategory { id } => {
                if zh {
                    format!("一级指标 `{id}` 不属于任何类别：请把它列入某个类别的 indicators")
                } else {
                    format!(
                        "no category is scored on the top-level indicator `{id}`: list it in some category's `indicators`"
                    )
                }
            }
            UnknownTopIndicator { id, suggestion } => {
                if zh {
                    format!("`{id}` 不是一级指标{}", suggest(lang, suggestion))
                } else {
                    format!(
                        "`{id}` is not a top-level indicator{}",
                        suggest(lang, suggestion)
                    )
                }
            }
            ChoiceWithoutPoints { choice } => {
                if zh {
                    format!("选项“{choice}”没有给出分值：每个选项都要写明得几分")
                } else {
                    format!(
                        "the choice `{choice}` has no points: every choice must say what it scores"
                    )
                }
            }
            OverdrawWithoutFloor { id } => {
                if zh {
                    format!(
                        "`{id}` 的扣分可突破本项分值（beyond: overdraw），但上级指标都没有设定 subtotal_floor（如 subtotal_floor: 0），扣分没有上限"
                    )
                } else {
                    format!(
                        "`{id}` may deduct beyond its own points (beyond: overdraw), but no group above it sets a `subtotal_floor` (such as `subtotal_floor: 0`) to cap the deductions"
                    )
                }
            }
            ZeroCoefficient { id } => {
                if zh {
                    format!("`{id}` 的系数为 0，不计入任何分值")
                } else {
                    format!("the coefficient of `{id}` is 0, so it counts for nothing")
                }
            }
        }
    }
}

/// One located problem in a rubric file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RubricError {
    /// The name of the file (or other source) the rubric came from.
    pub source: String,
    /// The YAML path (`indicators[0].children[2].weight`), empty at the top.
    pub path: String,
    /// Line and column, when known.
    pub location: Option<Location>,
    /// What is wrong.
    pub problem: RubricProblem,
}

impl RubricError {
    /// The error as data: its code, place, text and message in both
    /// languages.
    pub fn diagnostic(&self) -> Diagnostic {
        let mut d = Diagnostic::new(self.problem.code(), |lang| self.message(lang));
        d.file = Some(self.source.clone());
        d.path = (!self.path.is_empty()).then(|| self.path.clone());
        d.line = self.location.map(|l| l.line);
        d.column = self.location.map(|l| l.column);
        d.text = self.problem.text().map(str::to_string);
        d
    }

    /// The error with its place, in `lang`:
    /// `rubric.yaml:12:9: indicators[0].weight: …`.
    pub fn message(&self, lang: Lang) -> String {
        let mut out = self.source.clone();
        if let Some(l) = self.location {
            out.push_str(&format!(":{}:{}", l.line, l.column));
        }
        out.push_str(": ");
        if !self.path.is_empty() {
            out.push_str(&self.path);
            out.push_str(": ");
        }
        out.push_str(&self.problem.message(lang));
        out
    }
}

impl fmt::Display for RubricError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for RubricError {}

/// Every problem found in one rubric file (never empty).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub struct RubricErrors {
    /// The problems, in file order.
    pub errors: Vec<RubricError>,
}

impl RubricErrors {
    /// Every problem as data (see [`RubricError::diagnostic`]).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.errors.iter().map(RubricError::diagnostic).collect()
    }

    /// All problems, one per line, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        crate::place::lines(&self.errors, |e| e.message(lang))
    }

    /// How many problems.
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// Always false: a `RubricErrors` holds at least one problem.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }
}

serialize_as_diagnostics!(one: RubricError);
serialize_as_diagnostics!(many: RubricErrors);
