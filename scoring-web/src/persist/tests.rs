//! Browser storage, natively, on a map that can fail: saves that commit
//! or leave the previous state, two tabs, what cannot be read kept aside,
//! format 1 migrated.

use std::rc::Rc;

use scoring_core::Lang;

use super::*;
use crate::state::{Action, AppState};

const NOW: &str = "2026-11-26T10:00:00Z";

fn with_example() -> AppState {
    let mut s = AppState::new(Lang::Zh, 2026, NOW);
    s.apply(Action::LoadExample { now: NOW.into() });
    s
}

fn edit(s: &mut AppState, office: &str, input: &str, text: &str) {
    let office = s
        .assessment()
        .offices
        .iter()
        .find(|o| o.name == office)
        .unwrap()
        .key;
    s.apply(Action::EditCell {
        office,
        input: input.into(),
        text: text.into(),
        now: NOW.into(),
    });
}

fn cell(s: &AppState, office: &str, input: &str) -> String {
    s.assessment()
        .offices
        .iter()
        .find(|o| o.name == office)
        .unwrap()
        .cell(input)
        .to_string()
}

/// The assessments' parts of format 2 in a store (histories apart).
fn parts(store: &MemoryStore) -> Vec<String> {
    store
        .map
        .keys()
        .filter(|k| k.starts_with("scoring-web.v2.a."))
        .cloned()
        .collect()
}

#[test]
fn a_save_commits_with_its_head_and_loads_back() {
    let mut store = MemoryStore::default();
    let mut saver = load(&mut store, "a", 2026, NOW).saver;
    let mut s = with_example();
    edit(&mut s, "审批处", "site_items", "2000");
    s.apply(Action::SetLang(Lang::En));
    saver.save(&mut store, &s, false).unwrap();
    assert_eq!(saver.generation(), 1);
    assert!(store.map.contains_key(HEAD_KEY));
    assert_eq!(parts(&store).len(), 1, "{:?}", parts(&store));

    let back = load(&mut store, "b", 2026, NOW);
    assert_eq!(back.state.lang, Lang::En);
    assert_eq!(cell(&back.state, "审批处", "site_items"), "2000");
    assert_eq!(back.state.results.card.len(), 6);
    assert!(
        back.state.ui.notices.is_empty(),
        "{:?}",
        back.state.ui.notices
    );
    // Nothing changed: nothing to write.
    assert!(!back.saver.is_dirty(&back.state));
}

#[test]
fn only_what_changed_is_written_again() {
    let mut store = MemoryStore::default();
    let mut saver = load(&mut store, "a", 2026, NOW).saver;
    let mut s = with_example();
    s.apply(Action::NewAssessment {
        year: 2027,
        now: NOW.into(),
    });
    s.apply(Action::LoadExample { now: NOW.into() });
    saver.save(&mut store, &s, false).unwrap();
    let writes = store.writes;
    assert!(!saver.is_dirty(&s));
    edit(&mut s, "法规处", "press_conferences", "9");
    assert!(saver.is_dirty(&s));
    saver.save(&mut store, &s, false).unwrap();
    // One assessment, the head and the undo history; the old copy of the
    // assessment is gone.
    assert_eq!(store.writes - writes, 3);
    assert_eq!(parts(&store).len(), 2);
}

#[test]
fn a_save_failing_half_way_leaves_the_previous_state() {
    for fail_at in 1..=3 {
        let mut store = MemoryStore::default();
        let mut saver = load(&mut store, "a", 2026, NOW).saver;
        let mut s = with_example();
        s.apply(Action::LoadRubricFile {
            file_name: "mine.yaml".into(),
            text: scoring_core::bundled::SHANDONG_2017
                .replace("id: shandong-commerce-2017", "id: mine"),
            now: NOW.into(),
        });
        saver.save(&mut store, &s, false).unwrap();
        let before = store.map.clone();
        let typed = cell(&s, "审批处", "site_items");
        // The next save writes a new rubric file, the assessment and the
        // head: make each of the three writes fail in turn.
        s.apply(Action::LoadRubricFile {
            file_name: "other.yaml".into(),
            text: scoring_core::bundled::SHANDONG_2017
                .replace("id: shandong-commerce-2017", "id: other"),
            now: NOW.into(),
        });
        edit(&mut s, "审批处", "site_items", "2000");
        store.fail_at = Some(store.writes + fail_at);
        let err = saver.save(&mut store, &s, false).unwrap_err();
        assert_eq!(err, SaveError::Store(StoreError::Full));
        assert_eq!(
            store.map, before,
            "write {fail_at} failed: the store is as it was"
        );
        let back = load(&mut store, "b", 2026, NOW).state;
        assert_eq!(cell(&back, "审批处", "site_items"), typed);
        // Once the storage accepts writes again, the save goes through.
        store.fail_at = None;
        saver.save(&mut store, &s, false).unwrap();
        let back = load(&mut store, "b", 2026, NOW).state;
        assert_eq!(cell(&back, "审批处", "site_items"), "2000");
    }
}

#[test]
fn a_full_storage_keeps_what_was_saved() {
    let mut store = MemoryStore::default();
    let mut saver = load(&mut store, "a", 2026, NOW).saver;
    let mut s = with_example();
    saver.save(&mut store, &s, false).unwrap();
    let used: usize = store.map.iter().map(|(k, v)| k.len() + v.len()).sum();
    store.capacity = Some(used + 100);
    s.apply(Action::DuplicateAssessment {
        id: s.assessment().id,
        now: NOW.into(),
    });
    let before = store.map.clone();
    assert_eq!(
        saver.save(&mut store, &s, false),
        Err(SaveError::Store(StoreError::Full))
    );
    assert_eq!(store.map, before);
    assert_eq!(load(&mut store, "b", 2026, NOW).state.assessments.len(), 1);
}

#[test]
fn two_tabs_never_save_over_each_other_unasked() {
    let mut store = MemoryStore::default();
    let mut a = load(&mut store, "a", 2026, NOW).saver;
    let mut state_a = with_example();
    a.save(&mut store, &state_a, false).unwrap();

    // Tab b opens what a saved.
    let Loaded {
        state: mut state_b,
        saver: mut b,
    } = load(&mut store, "b", 2026, NOW);
    edit(&mut state_a, "法规处", "press_conferences", "9");
    a.save(&mut store, &state_a, false).unwrap();
    assert!(b.is_behind(&store.get(HEAD_KEY).unwrap()));

    // b changed something too, without having seen a's save: refused.
    edit(&mut state_b, "外资处", "press_conferences", "7");
    assert_eq!(
        b.save(&mut store, &state_b, false),
        Err(SaveError::Conflict)
    );
    assert_eq!(
        cell(
            &load(&mut store, "c", 2026, NOW).state,
            "法规处",
            "press_conferences"
        ),
        "9"
    );

    // Asked to, b saves over it; then a is the one behind.
    b.save(&mut store, &state_b, true).unwrap();
    let now = load(&mut store, "c", 2026, NOW).state;
    assert_eq!(cell(&now, "外资处", "press_conferences"), "7");
    assert_ne!(cell(&now, "法规处", "press_conferences"), "9");
    edit(&mut state_a, "法规处", "press_conferences", "10");
    assert_eq!(
        a.save(&mut store, &state_a, false),
        Err(SaveError::Conflict)
    );
    // Following instead: a reloads what b saved.
    let followed = load(&mut store, "a", 2026, NOW);
    assert_eq!(cell(&followed.state, "外资处", "press_conferences"), "7");
    assert!(!followed.saver.is_behind(&store.get(HEAD_KEY).unwrap()));
}

#[test]
fn an_unreadable_head_is_kept_aside_and_never_overwritten() {
    let mut store = MemoryStore::default();
    store
        .map
        .insert(HEAD_KEY.into(), "{\"version\": 2, \"generation\": ".into());
    let Loaded { state, mut saver } = load(&mut store, "a", 2026, NOW);
    let [
        Notice::KeptAside {
            key,
            why: Kept::Unreadable(_),
        },
    ] = state.ui.notices.as_slice()
    else {
        panic!("{:?}", state.ui.notices)
    };
    assert!(key.starts_with("scoring-web.v2.unreadable-"), "{key}");
    assert_eq!(store.get(key).unwrap(), "{\"version\": 2, \"generation\": ");
    let key = key.clone();
    let mut s = state;
    s.apply(Action::LoadExample { now: NOW.into() });
    saver.save(&mut store, &s, false).unwrap();
    assert_eq!(
        store.get(&key).unwrap(),
        "{\"version\": 2, \"generation\": "
    );
    assert!(backup(&store).contains("unreadable-"));
}

#[test]
fn what_cannot_be_kept_aside_is_not_saved_over() {
    let mut store = MemoryStore::default();
    store.map.insert(HEAD_KEY.into(), "garbage".into());
    store.capacity = Some(20);
    let Loaded { state, mut saver } = load(&mut store, "a", 2026, NOW);
    assert!(matches!(
        state.ui.notices.as_slice(),
        [Notice::SavingOff {
            why: Kept::Unreadable(_),
            ..
        }]
    ));
    assert!(!saver.is_on());
    store.capacity = None;
    assert_eq!(saver.save(&mut store, &state, false), Err(SaveError::Off));
    assert_eq!(store.get(HEAD_KEY).unwrap(), "garbage");
}

#[test]
fn a_newer_format_is_left_alone() {
    let mut store = MemoryStore::default();
    let newer = "{\"version\": 3, \"generation\": 9, \"shape\": \"new\"}";
    store.map.insert(HEAD_KEY.into(), newer.into());
    let Loaded { state, mut saver } = load(&mut store, "a", 2026, NOW);
    assert_eq!(
        state.ui.notices,
        [Notice::SavingOff {
            key: HEAD_KEY.into(),
            why: Kept::Newer(3)
        }]
    );
    assert_eq!(saver.save(&mut store, &state, false), Err(SaveError::Off));
    assert_eq!(store.get(HEAD_KEY).unwrap(), newer);
    // A later format under its own key: said, and left alone.
    let mut store = MemoryStore::default();
    store.map.insert("scoring-web.v3".into(), "{}".into());
    let loaded = load(&mut store, "a", 2026, NOW);
    assert_eq!(
        loaded.state.ui.notices,
        [Notice::KeptAside {
            key: "scoring-web.v3".into(),
            why: Kept::Newer(3)
        }]
    );
    assert!(loaded.saver.is_on());
}

#[test]
fn an_unreadable_assessment_is_kept_aside_and_the_others_load() {
    let mut store = MemoryStore::default();
    let mut saver = load(&mut store, "a", 2026, NOW).saver;
    let mut s = with_example();
    s.apply(Action::NewAssessment {
        year: 2027,
        now: NOW.into(),
    });
    saver.save(&mut store, &s, false).unwrap();
    let broken = parts(&store)[0].clone();
    store.map.insert(broken.clone(), "{\"id\": ".into());
    let loaded = load(&mut store, "b", 2026, NOW);
    assert_eq!(loaded.state.assessments.len(), 1);
    let [Notice::KeptAside { key, .. }] = loaded.state.ui.notices.as_slice() else {
        panic!("{:?}", loaded.state.ui.notices)
    };
    assert!(key.starts_with(&format!("{broken}.unreadable-")), "{key}");
}

#[test]
fn format_1_is_migrated_and_left_where_it_was() {
    let v1 = include_str!("../../../tests/fixtures/saved-state-v1.json");
    let mut store = MemoryStore::default();
    store.map.insert(V1_KEY.into(), v1.into());
    let Loaded { state, mut saver } = load(&mut store, "a", 2030, NOW);
    let from_v1 = Saved::from_v1_json(v1).unwrap().restore(2030, NOW);
    assert_eq!(state.assessments, from_v1.assessments);
    assert_eq!(state.lang, Lang::En);
    assert!(saver.is_dirty(&state), "not yet in format 2");
    saver.save(&mut store, &state, false).unwrap();
    assert_eq!(store.get(V1_KEY).unwrap(), v1, "format 1 is left as it was");
    let again = load(&mut store, "b", 2030, NOW).state;
    assert_eq!(again.lang, Lang::En);
    assert_eq!(again.assessments.len(), 2);
    for (x, y) in again.assessments.iter().zip(&from_v1.assessments) {
        assert_eq!(x.title, y.title);
        assert_eq!(x.rubric_key, y.rubric_key);
        assert_eq!(x.period_end, y.period_end);
        assert_eq!(x.item_log, y.item_log);
        assert_eq!(x.calendars, y.calendars);
        let cells = |a: &Rc<crate::state::Assessment>| -> Vec<_> {
            a.offices
                .iter()
                .map(|o| (o.name.clone(), o.cells.clone()))
                .collect()
        };
        assert_eq!(cells(x), cells(y));
    }
    assert_eq!(again.assessment().title, "2026年度考核（副本）");
    assert_eq!(again.results.rubric.id(), "steeper");
}

#[test]
fn an_unreadable_format_1_stays_where_it_is() {
    let mut store = MemoryStore::default();
    store
        .map
        .insert(V1_KEY.into(), "{\"version\": 1, \"lang\"".into());
    let Loaded { state, mut saver } = load(&mut store, "a", 2026, NOW);
    assert!(matches!(
        state.ui.notices.as_slice(),
        [Notice::KeptAside { key, .. }] if key == V1_KEY
    ));
    saver.save(&mut store, &state, false).unwrap();
    assert_eq!(store.get(V1_KEY).unwrap(), "{\"version\": 1, \"lang\"");
}

/// Two tabs from one saved state; b's changes, then a's save: what b's
/// merge gives.
fn two_tabs(
    change_a: impl FnOnce(&mut AppState),
    change_b: impl FnOnce(&mut AppState),
) -> (AppState, crate::persist::Merged) {
    let mut store = MemoryStore::default();
    let mut saver = load(&mut store, "a", 2026, NOW).saver;
    let s = with_example();
    saver.save(&mut store, &s, false).unwrap();
    let Loaded {
        state: mut a,
        saver: mut sa,
    } = load(&mut store, "a", 2026, NOW);
    let Loaded {
        state: mut b,
        saver: sb,
    } = load(&mut store, "b", 2026, NOW);
    change_a(&mut a);
    sa.save(&mut store, &a, false).unwrap();
    change_b(&mut b);
    let there = load(&mut store, "b", 2026, NOW).state;
    let merged = merge(&sb.base(), &b, &there);
    (a, merged)
}

#[test]
fn changes_to_different_cells_in_two_tabs_are_both_kept() {
    let (_, m) = two_tabs(
        |a| edit(a, "法规处", "press_conferences", "61"),
        |b| edit(b, "信息中心", "press_conferences", "71"),
    );
    assert!(m.clashes.is_empty(), "{:?}", m.clashes);
    assert_eq!(cell(&m.state, "法规处", "press_conferences"), "61");
    assert_eq!(cell(&m.state, "信息中心", "press_conferences"), "71");
    assert!(m.state.assessment().file_saved.is_none());
}

#[test]
fn the_same_cell_changed_differently_is_a_clash_and_keeps_this_tab_s_value() {
    let (_, m) = two_tabs(
        |a| {
            edit(a, "法规处", "press_conferences", "61");
            edit(a, "审批处", "site_items", "1");
        },
        |b| edit(b, "法规处", "press_conferences", "62"),
    );
    assert_eq!(m.clashes.len(), 1, "{:?}", m.clashes);
    assert!(
        matches!(&m.clashes[0], Clash::Cell { office, here, there, .. }
        if office == "法规处" && here == "62" && there == "61")
    );
    assert_eq!(cell(&m.state, "法规处", "press_conferences"), "62");
    // The rest of the other tab's work is kept.
    assert_eq!(cell(&m.state, "审批处", "site_items"), "1");
    // The same value on both sides is no clash.
    let (_, m) = two_tabs(
        |a| edit(a, "法规处", "press_conferences", "61"),
        |b| edit(b, "法规处", "press_conferences", "61"),
    );
    assert!(m.clashes.is_empty());
}

#[test]
fn an_office_renamed_on_one_side_and_changed_on_the_other_is_a_clash() {
    let (_, m) = two_tabs(
        |a| edit(a, "法规处", "press_conferences", "61"),
        |b| {
            let key = b
                .assessment()
                .offices
                .iter()
                .find(|o| o.name == "法规处")
                .unwrap()
                .key;
            b.apply(Action::RenameOffice {
                office: key,
                name: "政策法规处".into(),
                now: NOW.into(),
            });
        },
    );
    assert!(
        matches!(
            m.clashes.as_slice(),
            [Clash::Field {
                field: "offices",
                ..
            }]
        ),
        "{:?}",
        m.clashes
    );
    // Renamed on one side, untouched on the other: no clash.
    let (_, m) = two_tabs(
        |a| {
            a.apply(Action::SetTitle {
                title: "新名称".into(),
                now: NOW.into(),
            })
        },
        |b| {
            let key = b
                .assessment()
                .offices
                .iter()
                .find(|o| o.name == "法规处")
                .unwrap()
                .key;
            b.apply(Action::RenameOffice {
                office: key,
                name: "政策法规处".into(),
                now: NOW.into(),
            });
        },
    );
    assert!(m.clashes.is_empty(), "{:?}", m.clashes);
    assert_eq!(m.state.assessment().title, "新名称");
    assert!(
        m.state
            .assessment()
            .offices
            .iter()
            .any(|o| o.name == "政策法规处")
    );
}

#[test]
fn assessments_added_or_deleted_on_one_side_are_taken_as_they_are() {
    let (_, m) = two_tabs(
        |a| {
            a.apply(Action::NewAssessment {
                year: 2027,
                now: NOW.into(),
            })
        },
        |b| edit(b, "信息中心", "press_conferences", "71"),
    );
    assert!(m.clashes.is_empty(), "{:?}", m.clashes);
    assert_eq!(m.state.assessments.len(), 2);
    assert_eq!(cell(&m.state, "信息中心", "press_conferences"), "71");
    // b's current assessment stays current.
    assert_eq!(m.state.assessment().offices.len(), 6);
}

#[test]
fn the_undo_history_survives_a_reload() {
    let mut store = MemoryStore::default();
    let mut saver = load(&mut store, "a", 2026, NOW).saver;
    let mut s = with_example();
    edit(&mut s, "审批处", "site_items", "2000");
    edit(&mut s, "法规处", "press_conferences", "9");
    s.apply(Action::Undo { at: NOW.into() });
    saver.save(&mut store, &s, false).unwrap();
    let id = s.assessment().id;
    assert!(store.map.contains_key(&history::key(id)));

    let mut back = load(&mut store, "b", 2026, NOW).state;
    assert_eq!(cell(&back, "审批处", "site_items"), "2000");
    assert_eq!(cell(&back, "法规处", "press_conferences"), "0");
    // The step undone can be redone, and the ones before undone.
    assert!(back.history.can_redo());
    back.apply(Action::Redo { at: NOW.into() });
    assert_eq!(cell(&back, "法规处", "press_conferences"), "9");
    back.apply(Action::Undo { at: NOW.into() });
    back.apply(Action::Undo { at: NOW.into() });
    assert_eq!(cell(&back, "审批处", "site_items"), "75");
    // Undone after a reload, it scores as it did.
    assert_eq!(back.results.card.len(), 6);
    // The offices keep their keys: an edit after undo finds its office.
    edit(&mut back, "审批处", "site_items", "80");
    assert_eq!(cell(&back, "审批处", "site_items"), "80");
}

#[test]
fn a_history_that_does_not_end_at_the_saved_work_is_ignored() {
    let mut s = with_example();
    edit(&mut s, "审批处", "site_items", "2000");
    let text = history::encode(&s).expect("something to undo");
    // The same assessment, one cell different (another tab saved since).
    let mut other = s.clone();
    edit(&mut other, "外资处", "site_items", "1");
    let steps = other.history.stacks().0.len();
    assert!(!history::restore(&mut other, &text));
    assert_eq!(other.history.stacks().0.len(), steps, "left as it was");
    // Another assessment, another version, or no JSON at all: ignored.
    let mut fresh = AppState::new(Lang::Zh, 2026, NOW);
    assert!(!history::restore(&mut fresh, &text));
    assert!(!history::restore(
        &mut s.clone(),
        &text.replace("\"version\":1", "\"version\":9")
    ));
    assert!(!history::restore(&mut s.clone(), "{not json"));
    // Where it does end at the saved work, it is used.
    let mut same = s.clone();
    same.history = crate::state::History::default();
    assert!(history::restore(&mut same, &text));
    assert!(same.history.can_undo());
}

#[test]
fn the_history_kept_is_bounded() {
    let mut s = with_example();
    // 150 steps (each a different cell, so each is a step).
    let inputs: Vec<String> = s
        .results
        .rubric
        .inputs()
        .map(|(_, i)| i.id.clone())
        .collect();
    let steps: Vec<(&str, &String)> = [
        "办公室",
        "法规处",
        "信息中心",
        "外资处",
        "开发区处",
        "审批处",
    ]
    .into_iter()
    .flat_map(|o| inputs.iter().map(move |i| (o, i)))
    .take(150)
    .collect();
    for (office, input) in &steps {
        edit(&mut s, office, input, "7");
    }
    let text = history::encode(&s).unwrap();
    assert!(text.len() <= history::MAX_CHARS + 64 * 1024);
    let mut back = s.clone();
    back.history = crate::state::History::default();
    assert!(history::restore(&mut back, &text));
    let kept = back.history.stacks().0.len();
    assert!(kept <= history::MAX_STEPS, "{kept} steps kept");
    assert!(kept >= 50, "{kept} steps kept");
    // Undoing all that was kept ends at a consistent assessment.
    for _ in 0..kept {
        back.apply(Action::Undo { at: NOW.into() });
    }
    assert!(!back.history.can_undo());
    // …the same work as undoing as many steps without a reload.
    let mut expected = s.clone();
    for _ in 0..kept {
        expected.apply(Action::Undo { at: NOW.into() });
    }
    assert!(back.assessment().same_work(expected.assessment()));
}

#[test]
fn histories_of_assessments_deleted_are_removed() {
    let mut store = MemoryStore::default();
    let mut saver = load(&mut store, "a", 2026, NOW).saver;
    let mut s = with_example();
    edit(&mut s, "审批处", "site_items", "2000");
    saver.save(&mut store, &s, false).unwrap();
    let first = s.assessment().id;
    assert!(store.map.contains_key(&history::key(first)));
    s.apply(Action::NewAssessment {
        year: 2027,
        now: NOW.into(),
    });
    let second = s.assessment().id;
    s.apply(Action::RequestDelete(first));
    s.apply(Action::ConfirmDelete);
    assert_eq!(s.assessment().id, second);
    saver.save(&mut store, &s, false).unwrap();
    assert!(!store.map.contains_key(&history::key(first)));
}
