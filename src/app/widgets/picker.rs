//! A grouped picker for a list too long for a row of buttons: a button
//! opens a search field above the choices, grouped under their families'
//! headings, each with its one-line summary. Typing filters by name or
//! summary; Enter picks the first match. The optimizer and surface choices
//! both use it.

use eframe::egui::{
    self, Align, Align2, AtomExt as _, Key, Layout, Popup, PopupCloseBehavior, RichText, TextStyle, Ui,
};

/// Width of a column's summaries; a name column as wide as the longest name
/// goes beside them.
const SUMMARY_WIDTH: f32 = 470.0;

/// Space between a name and its summary.
const NAME_GAP: f32 = 12.0;

/// Space between two columns.
const COLUMN_GAP: f32 = 24.0;

/// Room kept free between the picker and the window's edges.
const MARGIN: f32 = 16.0;

/// One choice of a picker.
pub struct Choice<T> {
    /// The name shown, and the widget's accessible name.
    pub name: &'static str,
    /// One line that says what it is.
    pub summary: &'static str,
    /// What picking it gives.
    pub value: T,
}

/// The choices under one heading, in the order shown.
pub struct Group<T> {
    /// The heading.
    pub title: &'static str,
    /// Its choices (a group without any is not shown).
    pub choices: Vec<Choice<T>>,
}

/// The picker that `button` opens and closes: `what` names a choice
/// ("optimizer"), `current` is highlighted until the user types, and
/// `groups` (built only while the picker is open) are its choices. Returns
/// the value picked in this frame, if any.
pub fn popup<T>(
    button: &egui::Response,
    what: &str,
    current: Option<&str>,
    groups: impl FnOnce() -> Vec<Group<T>>,
) -> Option<T> {
    let popup_id = Popup::default_response_id(button);
    let (search_id, focus_id) = (popup_id.with("search"), popup_id.with("focus"));
    if button.clicked() && !Popup::is_id_open(&button.ctx, popup_id) {
        button.ctx.data_mut(|data| {
            data.remove::<String>(search_id);
            data.insert_temp(focus_id, true);
        });
    }
    Popup::from_toggle_button_response(button)
        .close_behavior(PopupCloseBehavior::CloseOnClickOutside)
        .show(|ui| {
            let groups = groups();
            // Sized for every choice, so that the picker keeps its width while the user types.
            let columns = Columns::fitting(ui, &groups);
            ui.set_width(columns.total_width());
            let mut query: String = ui.data(|data| data.get_temp(search_id)).unwrap_or_default();
            let (field, enter) = search_field(ui, what, &mut query);
            // Typing goes to the field as soon as the picker shows (not in its invisible sizing pass).
            if !ui.is_sizing_pass() && ui.data_mut(|data| data.remove_temp::<bool>(focus_id)).is_some() {
                field.request_focus();
            }
            ui.data_mut(|data| data.insert_temp(search_id, query.clone()));
            let query = query.trim();
            let groups = matching(groups, query);
            let Some(first) = groups.first().and_then(|group| group.choices.first()) else {
                ui.label(RichText::new(format!("no {what} matches '{query}'")).heading());
                return None;
            };
            // The row Enter picks: the first match, or the current choice before anything is typed.
            let highlighted = if query.is_empty() { current } else { Some(first.name) };
            let picked = if enter && field.lost_focus() && !query.is_empty() {
                groups.into_iter().flat_map(|group| group.choices).next().map(|choice| choice.value)
            } else {
                columns.show(ui, groups, highlighted)
            };
            if picked.is_some() {
                ui.close();
            }
            picked
        })
        .and_then(|response| response.inner)
}

/// The search field; returns it and whether Enter was pressed.
fn search_field(ui: &mut Ui, what: &str, query: &mut String) -> (egui::Response, bool) {
    ui.horizontal(|ui| {
        let label = ui.label(RichText::new("search").heading());
        let field = ui
            .add(
                egui::TextEdit::singleline(query)
                    .hint_text(format!("part of a name or description; Enter picks the first {what}"))
                    .font(TextStyle::Heading)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        (field, ui.input(|input| input.key_pressed(Key::Enter)))
    })
    .inner
}

/// How a picker lays its choices out: names in a column as wide as the
/// longest, summaries beside them, in two columns of groups where the
/// window has room for them and one otherwise.
struct Columns {
    name_width: f32,
    width: f32,
    count: usize,
}

impl Columns {
    /// The layout that fits the choices of `groups` in `ui`'s window.
    fn fitting<T>(ui: &Ui, groups: &[Group<T>]) -> Columns {
        let font = TextStyle::Button.resolve(ui.style());
        let name_width = groups
            .iter()
            .flat_map(|group| &group.choices)
            .map(|choice| {
                let galley = ui.fonts_mut(|fonts| {
                    fonts.layout_no_wrap(choice.name.to_owned(), font.clone(), egui::Color32::PLACEHOLDER)
                });
                galley.size().x
            })
            .fold(0.0_f32, f32::max);
        let width = name_width + NAME_GAP + SUMMARY_WIDTH + 2.0 * ui.spacing().button_padding.x;
        let room = ui.ctx().content_rect().width() - 2.0 * MARGIN;
        let count = if room >= 2.0 * width + COLUMN_GAP { 2 } else { 1 };
        Columns { name_width, width, count }
    }

    /// The width of all columns and the gaps between them.
    fn total_width(&self) -> f32 {
        self.count as f32 * self.width + (self.count - 1) as f32 * COLUMN_GAP
    }

    /// Shows `groups`, scrolling if they are taller than the window below;
    /// returns the value clicked.
    fn show<T>(&self, ui: &mut Ui, mut groups: Vec<Group<T>>, highlighted: Option<&str>) -> Option<T> {
        let split = if self.count == 2 {
            split_point(&groups.iter().map(|group| group.choices.len() + 1).collect::<Vec<_>>())
        } else {
            groups.len()
        };
        let right = groups.split_off(split);
        // As tall as the window allows, scrolling beyond that.
        let above = ui.cursor().top() - ui.min_rect().top() + 2.0 * ui.style().spacing.menu_margin.sum().y;
        let max_height = (ui.ctx().content_rect().height() - above - 2.0 * MARGIN).max(120.0);
        let mut picked = None;
        // (The minimum lets it grow past the room below the button; the window then moves it up.)
        let scroll = egui::ScrollArea::vertical().max_height(max_height).min_scrolled_height(max_height);
        scroll.show(ui, |ui| {
            ui.horizontal_top(|ui| {
                ui.spacing_mut().item_spacing.x = COLUMN_GAP;
                for column in [groups, right].into_iter().filter(|column| !column.is_empty()) {
                    let layout = Layout::top_down_justified(Align::Min);
                    ui.allocate_ui_with_layout(egui::vec2(self.width, 0.0), layout, |ui| {
                        ui.set_width(self.width);
                        for (i, group) in column.into_iter().enumerate() {
                            if let Some(value) = group_rows(ui, group, i == 0, self.name_width, highlighted) {
                                picked = Some(value);
                            }
                        }
                    });
                }
            });
        });
        picked
    }
}

/// One group: its heading, then a row per choice, its name in a column
/// `name_width` wide and its summary beside it; returns the value clicked.
fn group_rows<T>(ui: &mut Ui, group: Group<T>, first: bool, name_width: f32, highlighted: Option<&str>) -> Option<T> {
    if !first {
        ui.add_space(8.0);
    }
    ui.label(RichText::new(group.title).heading().strong());
    let mut picked = None;
    for choice in group.choices {
        let name =
            RichText::new(choice.name).strong().atom_size(egui::vec2(name_width, 0.0)).atom_align(Align2::LEFT_TOP);
        let summary = RichText::new(choice.summary).atom_shrink(true).atom_align(Align2::LEFT_TOP);
        let selected = highlighted == Some(choice.name);
        let row = ui.add(egui::Button::selectable(selected, (name, summary)).gap(NAME_GAP).wrap());
        row.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, choice.name));
        if row.clicked() {
            picked = Some(choice.value);
        }
    }
    picked
}

/// The groups with only the choices whose name or summary contains `query`
/// (any case, spaces around it ignored; an underscore in a name also
/// matches a space), empty groups left out.
fn matching<T>(groups: Vec<Group<T>>, query: &str) -> Vec<Group<T>> {
    let query = query.trim().to_lowercase();
    let matches = |choice: &Choice<T>| {
        let name = choice.name.to_lowercase();
        name.contains(&query)
            || name.replace('_', " ").contains(&query)
            || choice.summary.to_lowercase().contains(&query)
    };
    groups
        .into_iter()
        .map(|group| Group { title: group.title, choices: group.choices.into_iter().filter(matches).collect() })
        .filter(|group| !group.choices.is_empty())
        .collect()
}

/// Where to split groups of `heights` rows into two columns, keeping their
/// order, so that the taller column is as short as it can be.
fn split_point(heights: &[usize]) -> usize {
    let total: usize = heights.iter().sum();
    let mut above = 0;
    let mut best = (total, 0);
    for (k, height) in heights.iter().enumerate() {
        let taller = above.max(total - above);
        if taller < best.0 {
            best = (taller, k);
        }
        above += height;
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::{matching, split_point, Choice, Group};

    fn groups() -> Vec<Group<u8>> {
        let choice = |name, summary, value| Choice { name, summary, value };
        vec![
            Group {
                title: "Valleys",
                choices: vec![choice("six_hump_camel", "six minima", 1), choice("rosenbrock", "a curved valley", 2)],
            },
            Group { title: "Bowls", choices: vec![choice("bowl", "an ill-conditioned quadratic", 3)] },
        ]
    }

    fn values(groups: &[Group<u8>]) -> Vec<u8> {
        groups.iter().flat_map(|group| group.choices.iter().map(|choice| choice.value)).collect()
    }

    #[test]
    fn a_search_matches_names_and_summaries_in_any_case_and_drops_empty_groups() {
        assert_eq!(values(&matching(groups(), "")), [1, 2, 3]);
        assert_eq!(values(&matching(groups(), "  ROSEN ")), [2]);
        assert_eq!(values(&matching(groups(), "Quadratic")), [3]);
        assert_eq!(values(&matching(groups(), "hump camel")), [1], "a space matches an underscore");
        assert!(matching(groups(), "bowls").is_empty(), "headings are not searched");
        assert!(matching(groups(), "xyz").is_empty());
    }

    #[test]
    fn two_columns_split_where_the_taller_is_shortest() {
        assert_eq!(split_point(&[6, 15, 6, 2]), 2);
        assert_eq!(split_point(&[4, 7, 5, 4, 2]), 2);
        assert_eq!(split_point(&[3]), 0, "one group stays in one column");
    }
}
