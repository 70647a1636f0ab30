//! UI tests of the grouped pickers: open one by its button, type a search
//! as a user would (the field has the keys as soon as it opens), then pick
//! by click or Enter and check the race that results.

use eframe::egui::{self, Key};
use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::Harness;
use optiviz::optim::{Family, OPTIMIZERS};

use crate::app::tests::{harness, open_surface_picker};
use crate::app::OptivizApp;

/// Types `text` wherever the keyboard focus is.
fn type_text(harness: &mut Harness<'static, OptivizApp>, text: &str) {
    harness.event(egui::Event::Text(text.to_owned()));
    harness.run();
}

/// Opens the picker of "+ Add optimizer".
fn open_optimizer_picker(harness: &mut Harness<'static, OptivizApp>) {
    harness.get_by_label("+ Add optimizer").click();
    harness.run();
}

/// How many widgets each optimizer's name labels.
fn name_counts(harness: &Harness<'static, OptivizApp>) -> Vec<usize> {
    OPTIMIZERS.iter().map(|info| harness.query_all_by_label(info.kind.name).count()).collect()
}

/// The optimizers of the race, in order.
fn lineup(harness: &Harness<'static, OptivizApp>) -> Vec<&'static str> {
    harness.state().state.race.lineup.runs.iter().map(|run| run.spec.optimizer.name()).collect()
}

#[test]
fn the_optimizer_picker_lists_every_optimizer_under_its_family_on_screen() {
    let mut harness = harness();
    harness.run();
    let before = name_counts(&harness);
    open_optimizer_picker(&mut harness);
    let after = name_counts(&harness);
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1400.0, 900.0));
    for ((info, before), after) in OPTIMIZERS.iter().zip(before).zip(after) {
        assert_eq!(after, before + 1, "{} is offered once", info.kind.name);
        let heading = harness.get_by_label(info.family.title()).rect();
        let row =
            harness.get_all_by_label(info.kind.name).map(|node| node.rect()).max_by(|a, b| a.top().total_cmp(&b.top()));
        let row = row.unwrap_or_else(|| panic!("{} has a row", info.kind.name));
        assert!(screen.contains_rect(row), "{} at {row:?}", info.kind.name);
        assert!(row.top() > heading.top(), "{} is below its heading", info.kind.name);
    }
    for family in Family::ALL {
        let members = OPTIMIZERS.iter().any(|info| info.family == family);
        assert_eq!(harness.query_by_label(family.title()).is_some(), members, "{family:?} is shown if it has members");
    }
}

#[test]
fn searching_the_optimizer_picker_shows_only_the_matches_and_a_click_adds_one() {
    let mut harness = harness();
    harness.run();
    let before = name_counts(&harness);
    open_optimizer_picker(&mut harness);
    assert!(harness.get_by_label("search").is_focused(), "the search field has the keys as the picker opens");
    type_text(&mut harness, "BELIEF");
    for ((info, before), after) in OPTIMIZERS.iter().zip(before).zip(name_counts(&harness)) {
        let shown = usize::from(info.kind.name == "adabelief");
        assert_eq!(after, before + shown, "{} is shown only if it matches", info.kind.name);
    }
    assert!(harness.query_by_label(Family::GradientDescent.title()).is_none(), "a family without a match is hidden");
    harness.get_by_label("adabelief").click();
    harness.run();
    assert_eq!(lineup(&harness), ["sgd", "momentum", "adam", "adabelief"]);
    let race = &harness.state().state.race;
    assert_eq!((race.lineup.selected, race.sim.runs().len()), (3, 4), "the new run is selected and races");
    assert!(harness.query_by_label(Family::Adaptive.title()).is_none(), "the picker closed");
}

#[test]
fn enter_adds_the_first_match_of_a_search_by_summary() {
    let mut harness = harness();
    harness.run();
    open_optimizer_picker(&mut harness);
    // "root-mean-square" is in RMSProp's summary only; Adam's says "RMS".
    type_text(&mut harness, "root-mean");
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(lineup(&harness), ["sgd", "momentum", "adam", "rmsprop"]);
    assert!(harness.query_by_label("search").is_none(), "the picker closed");
}

#[test]
fn a_search_without_a_match_says_so_and_enter_adds_nothing() {
    let mut harness = harness();
    harness.run();
    open_optimizer_picker(&mut harness);
    type_text(&mut harness, "xyz");
    harness.get_by_label("no optimizer matches 'xyz'");
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(lineup(&harness), ["sgd", "momentum", "adam"]);
    // The next time it opens, the search starts empty again.
    harness.key_press(Key::Escape);
    harness.run();
    open_optimizer_picker(&mut harness);
    assert_eq!(harness.get_by_label("search").value().unwrap_or_default(), "");
    harness.get_by_label("adabelief");
}

#[test]
fn a_surface_is_picked_by_search() {
    let mut harness = harness();
    harness.run();
    open_surface_picker(&mut harness);
    let current = harness.get_by_label("rosenbrock").accesskit_node().toggled();
    assert_eq!(current, Some(egui::accesskit::Toggled::True), "the current surface is marked");
    type_text(&mut harness, "rastr");
    assert!(harness.query_by_label("bowl").is_none());
    harness.key_press(Key::Enter);
    harness.run();
    let race = &harness.state().state.race;
    assert_eq!(race.surface_config.to_string(), "rastrigin");
    assert_eq!(race.start, race.surface_config.build().unwrap().start());
    harness.get_by_label("surface: rastrigin");
}

#[test]
fn the_formula_is_found_in_the_surface_picker() {
    let mut harness = harness();
    harness.run();
    open_surface_picker(&mut harness);
    type_text(&mut harness, "type");
    harness.get_by_label("formula").click();
    harness.run();
    assert_eq!(harness.state().state.race.surface_config.to_string(), "expr:f=x^2 + 3*sin(y)");
    harness.get_by_label("f(x, y) =");
}
