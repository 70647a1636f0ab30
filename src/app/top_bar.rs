//! The bar at the top of the window: the page switch, the shown page's
//! transport, the scene menu (presets, open, save, export), the theme, the
//! help, and what runs in the background.

use eframe::egui::{self, RichText, Ui};

use optiviz::scene::AnyScene;

use super::command::Command;
use super::network;
use super::presets::PRESETS;
use super::race;
use super::state::{AppState, Page};

/// The bar: the page switch, the shown page's transport, and the scene menu.
pub fn show(ui: &mut Ui, state: &AppState, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        for (page, text, hint) in [
            (Page::Surface, "Surface", "optimizers racing on a loss surface"),
            (Page::Network, "Network", "the same optimizers training a small network"),
        ] {
            if ui.selectable_label(state.page == page, RichText::new(text).strong()).on_hover_text(hint).clicked() {
                commands.push(Command::ShowPage(page));
            }
        }
        ui.separator();
        match state.page {
            Page::Surface => Command::gather(commands, Command::Race, |page| race::controls(ui, &state.race, page)),
            Page::Network => {
                Command::gather(commands, Command::Network, |page| network::controls(ui, &state.network, page));
            }
        }
        ui.separator();
        scene_menu(ui, commands);
        script_buttons(ui, state, commands);
        let theme = if state.prefs.dark { "Light theme" } else { "Dark theme" };
        if ui.button(theme).on_hover_text("T").clicked() {
            commands.push(Command::ToggleTheme);
        }
        if ui.button("?").on_hover_text("keyboard shortcuts").clicked() {
            commands.push(Command::ToggleHelp);
        }
        if let Some((what, done)) = &state.job {
            job_status(ui, what, *done, commands);
        }
    });
}

/// What runs in the background, how far it has come, and a button to stop it.
fn job_status(ui: &mut Ui, what: &str, done: f32, commands: &mut Vec<Command>) {
    ui.separator();
    ui.spinner();
    ui.add(egui::ProgressBar::new(done).desired_width(120.0).text(what));
    if ui.button("Stop").on_hover_text("Esc").clicked() {
        commands.push(Command::CancelJob);
    }
}

/// The PNG sizes the Export menu offers.
const EXPORT_SIZES: [(&str, (u32, u32)); 4] = [
    ("1280 × 720 (slides)", (1280, 720)),
    ("1920 × 1080 (full HD)", (1920, 1080)),
    ("3840 × 2160 (4K projector)", (3840, 2160)),
    ("2400 × 1800 (4:3 print)", (2400, 1800)),
];

/// Presets, open, save and export.
fn scene_menu(ui: &mut Ui, commands: &mut Vec<Command>) {
    ui.menu_button("Presets", |ui| {
        for (name, text) in PRESETS {
            match AnyScene::from_toml(text) {
                Ok(scene) => {
                    let title = scene.title().unwrap_or(name).to_owned();
                    if ui.button(title).clicked() {
                        commands.push(Command::LoadScene(Box::new(scene)));
                        ui.close();
                    }
                }
                Err(error) => {
                    ui.label(format!("{name}: {error}"));
                }
            }
        }
    });
    let toml = ["scene", "toml"];
    if ui.button("Open…").on_hover_text("load a scene file (.toml)").clicked() {
        if let Some(path) = rfd::FileDialog::new().add_filter(toml[0], &toml[1..]).pick_file() {
            commands.push(Command::OpenScene(path));
        }
    }
    if ui.button("Save…").on_hover_text("save this setup as a scene file").clicked() {
        if let Some(path) =
            rfd::FileDialog::new().add_filter(toml[0], &toml[1..]).set_file_name("scene.toml").save_file()
        {
            commands.push(Command::SaveScene(path));
        }
    }
    ui.menu_button("Export PNG", |ui| {
        ui.label("the figures of this view, at");
        for (text, size) in EXPORT_SIZES {
            if ui.button(text).clicked() {
                ui.close();
                if let Some(path) =
                    rfd::FileDialog::new().add_filter("PNG", &["png"]).set_file_name("optiviz.png").save_file()
                {
                    commands.push(Command::ExportPng(path, size));
                }
            }
        }
    });
}

/// "Copy as PyTorch" and "Export script…": the shown race or training as a
/// standalone PyTorch script that prints the same numbers.
fn script_buttons(ui: &mut Ui, state: &AppState, commands: &mut Vec<Command>) {
    let (what, file_name, prints) = match state.page {
        Page::Surface => ("race", "race.py", "its trajectories"),
        Page::Network => ("training", "network.py", "its losses and accuracies (full batch only)"),
    };
    let hint = format!("a Python script that reproduces this {what} with PyTorch and prints {prints}");
    if ui.button("Copy as PyTorch").on_hover_text(&hint).clicked() {
        commands.push(Command::CopyScript(what));
    }
    if ui.button("Export script…").on_hover_text(&hint).clicked() {
        if let Some(path) = rfd::FileDialog::new().add_filter("Python", &["py"]).set_file_name(file_name).save_file() {
            commands.push(Command::ExportScript(path));
        }
    }
}
