//! Rubrics shipped with the library, embedded at compile time.
//!
//! The files live in the repository's `rubrics/` folder, where their
//! comments cite the source document row by row.

/// 山东省商务厅政务公开、门户网站和商务综合信息平台考核评价办法 (2017),
/// the annex of 山东省商务厅政务公开实施办法（试行）.
pub const SHANDONG_2017: &str = include_str!("../../rubrics/shandong-commerce-2017.yaml");

/// The file name of [`SHANDONG_2017`].
pub const SHANDONG_2017_FILE: &str = "shandong-commerce-2017.yaml";

/// The 2019 revision of [`SHANDONG_2017`] (written for this project to show
/// rubric audits: request deadline 20 working days, 5 points of weight moved
/// from sub-site visits to items published).
pub const SHANDONG_2017_R2019: &str =
    include_str!("../../rubrics/shandong-commerce-2017-r2019.yaml");

/// The file name of [`SHANDONG_2017_R2019`].
pub const SHANDONG_2017_R2019_FILE: &str = "shandong-commerce-2017-r2019.yaml";

/// A bureau's offices (modelled on 朔州市民政局 and 楚雄市发展和改革局's
/// office rubrics): points per item by outlet level, choices, deductions,
/// a judgement with its reason, grade bands, a veto and a top quarter.
pub const BUREAU_OFFICES: &str = include_str!("../../rubrics/bureau-offices.yaml");

/// The file name of [`BUREAU_OFFICES`].
pub const BUREAU_OFFICES_FILE: &str = "bureau-offices.yaml";

/// A city's departments (modelled on 锦州市 R01 and 运城市 R02, with
/// 绵阳市 R09's gate): deductions that overdraw items and stop at the
/// first level, a bonus pool behind a gate, a penalty without cap.
pub const CITY_DEPARTMENTS: &str = include_str!("../../rubrics/city-departments.yaml");

/// The file name of [`CITY_DEPARTMENTS`].
pub const CITY_DEPARTMENTS_FILE: &str = "city-departments.yaml";

/// A city's counties (A类) and departments (B类) in one assessment
/// (modelled on 锦州市 R01 and 运城市 R02): categories with their own
/// indicators and totals (100 and 95), places within a category, besides
/// the deductions, bonus pool and penalty of [`CITY_DEPARTMENTS`].
pub const CITY_CLASSES: &str = include_str!("../../rubrics/city-classes.yaml");

/// The file name of [`CITY_CLASSES`].
pub const CITY_CLASSES_FILE: &str = "city-classes.yaml";

/// A district's units (modelled on 泉州市鲤城区 R04): deductions per
/// incident that stop at each item's points, a leak that zeroes the
/// proactive items, request items not applicable to a unit that received
/// none (rescaled).
pub const DISTRICT_UNITS: &str = include_str!("../../rubrics/district-units.yaml");

/// The file name of [`DISTRICT_UNITS`].
pub const DISTRICT_UNITS_FILE: &str = "district-units.yaml";

/// Towns scored on items published each month against a quota (modelled
/// on R06): `quota` and a stepped `excess`.
pub const TOWN_MONTHLY: &str = include_str!("../../rubrics/town-monthly.yaml");

/// The file name of [`TOWN_MONTHLY`].
pub const TOWN_MONTHLY_FILE: &str = "town-monthly.yaml";

/// An annual appraisal of offices that contains the Shandong 2017
/// disclosure assessment's result (modelled on its article 4): `sources`,
/// `rescaled` channels, grades and a veto.
pub const ANNUAL_APPRAISAL: &str = include_str!("../../rubrics/annual-appraisal.yaml");

/// The file name of [`ANNUAL_APPRAISAL`].
pub const ANNUAL_APPRAISAL_FILE: &str = "annual-appraisal.yaml";

/// Every bundled rubric: `(file name, YAML text)`, the default first.
pub const ALL: &[(&str, &str)] = &[
    (SHANDONG_2017_FILE, SHANDONG_2017),
    (SHANDONG_2017_R2019_FILE, SHANDONG_2017_R2019),
    (BUREAU_OFFICES_FILE, BUREAU_OFFICES),
    (CITY_DEPARTMENTS_FILE, CITY_DEPARTMENTS),
    (CITY_CLASSES_FILE, CITY_CLASSES),
    (DISTRICT_UNITS_FILE, DISTRICT_UNITS),
    (TOWN_MONTHLY_FILE, TOWN_MONTHLY),
    (ANNUAL_APPRAISAL_FILE, ANNUAL_APPRAISAL),
];
