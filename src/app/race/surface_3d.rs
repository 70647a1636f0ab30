//! The race in 3-D: the surface as a shaded mesh with log-scaled height in
//! the 2-D view's colours, turned with the mouse (drag rotates, scroll
//! zooms, double-click resets), with every path (up to the timeline's
//! step), the minima and the start drawn on it. Painted with egui's own painter from a projected,
//! depth-sorted mesh ([`optiviz::plot::mesh3d`] does the maths).

use std::sync::Arc;

use eframe::egui::{self, epaint, Align2, Color32, FontId, Mesh, Painter, Pos2, Rect, Sense, Shape, Stroke, Ui};
use optiviz::plot::colormap::Colormap;
use optiviz::plot::contour::Grid;
use optiviz::plot::mesh3d::{back_to_front, Camera, Projection, SurfaceMesh, TOP};

use super::command::RaceCommand;
use super::paths::{new_path, run_title, PathCache};
use super::state::RaceState;
use super::surface_image::{cache_key, CacheKey};
use super::timeline::RunAt;
use crate::app::widgets::path_style::PathStyle;

/// Samples per side of the mesh (two triangles per cell).
const SAMPLES: usize = 90;
/// How far above the surface paths and markers float, in world units.
const LIFT: f64 = 0.015;
/// Height of the floor under the surface, in world units.
const FLOOR: f64 = -0.05;
/// Focal length as a fraction of the shorter side of the view.
const FOCAL: f64 = 1.1;
/// Radians of turn per point of drag.
const TURN: f64 = 0.008;
/// Zoom per point of scroll (distance × e^(−k·scroll)).
const ZOOM: f64 = 0.002;

/// The 3-D view's memory between frames: the mesh of the surface and its
/// projected, sorted form for the last camera.
pub struct Surface3d {
    key: Option<CacheKey>,
    mesh: Option<SurfaceMesh>,
    colours: Vec<Color32>,
    painted: Option<((Camera, Rect), Arc<Mesh>)>,
}

impl Surface3d {
    /// A view with nothing cached.
    pub fn new() -> Surface3d {
        Surface3d { key: None, mesh: None, colours: Vec::new(), painted: None }
    }

    /// Shows the race in 3-D over the whole available space; `paths` caches
    /// the thinned paths, shared with the 2-D views.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        state: &RaceState,
        paths: &mut PathCache,
        style: PathStyle,
        commands: &mut Vec<RaceCommand>,
    ) {
        let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
        camera_input(ui, &response, state.camera, commands);
        let rect = response.rect;
        self.update(state);
        let Some(mesh) = &self.mesh else { return };
        let camera = state.camera;
        let center = rect.center();
        let focal = FOCAL * f64::from(rect.width().min(rect.height()));
        let projection = Projection::new(&camera, mesh.target(), [f64::from(center.x), f64::from(center.y)], focal);
        let view = View { mesh, projection, painter: &painter, style, text: ui.visuals().text_color() };
        painter.rect_filled(rect, 0.0, ui.visuals().extreme_bg_color);
        view.frame();
        let painted = match &self.painted {
            Some((key, painted)) if *key == (camera, rect) => painted.clone(),
            _ => {
                let painted = Arc::new(sorted_mesh(mesh, &self.colours, &projection));
                self.painted = Some(((camera, rect), painted.clone()));
                painted
            }
        };
        painter.add(Shape::Mesh(painted));
        view.axes();
        view.landmarks(state);
        let w = mesh.window.size();
        let unit = [w[0] / f64::from(rect.width().max(1.0)), w[1] / f64::from(rect.height().max(1.0))];
        let entries: Vec<_> = state.enabled_runs().collect();
        let mut legend = Vec::new();
        let step = state.shown_step();
        for (index, run) in state.sim.runs().iter().enumerate() {
            let Some(entry) = entries.get(index) else { continue };
            let color = Color32::from_rgb(entry.color[0], entry.color[1], entry.color[2]);
            let path = paths.entry(("3d".to_owned(), index)).or_insert_with(|| new_path(state.sim.runs().len()));
            let at = RunAt::of(run, step);
            view.path(state, &path.update_until(&run.trajectory().points, unit, at.index), color);
            if let Some(current) = run.trajectory().points.get(at.index) {
                view.current(state, *current, color, at.diverged);
            }
            legend.push((run_title(run, step), color));
        }
        view.legend(rect, &legend);
        painter.text(
            rect.left_bottom() + egui::vec2(8.0, -6.0),
            Align2::LEFT_BOTTOM,
            "drag: turn · scroll: zoom · double-click: reset view",
            FontId::proportional(12.0),
            ui.visuals().weak_text_color(),
        );
    }

    /// Samples the surface and builds the mesh when the surface or the window changed.
    fn update(&mut self, state: &RaceState) {
        let key = cache_key(&state.surface_config.to_string(), state.view);
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let surface = state.surface.as_ref();
        let grid = Grid::sample(state.view, SAMPLES, SAMPLES, |x, y| surface.value([x, y]));
        let mesh = SurfaceMesh::new(&grid);
        self.colours = mesh
            .heights
            .iter()
            .zip(&mesh.shades)
            .map(|(&h, &shade)| {
                let [r, g, b] = Colormap::Viridis.rgb(h).map(|c| (f64::from(c) * shade).round() as u8);
                Color32::from_rgb(r, g, b)
            })
            .collect();
        self.mesh = Some(mesh);
        self.painted = None;
        self.key = Some(key);
    }
}

/// Drag turns the camera, scroll zooms, double-click resets it.
fn camera_input(ui: &Ui, response: &egui::Response, camera: Camera, commands: &mut Vec<RaceCommand>) {
    if response.double_clicked() {
        commands.push(RaceCommand::SetCamera(Camera::default()));
        return;
    }
    let mut next = camera;
    if response.dragged() {
        let delta = response.drag_delta();
        next = next.orbit(-f64::from(delta.x) * TURN, f64::from(delta.y) * TURN);
    }
    if response.hovered() {
        let scroll = ui.input(|input| input.smooth_scroll_delta.y);
        if scroll != 0.0 {
            next = next.zoom((-f64::from(scroll) * ZOOM).exp());
        }
    }
    if next != camera {
        commands.push(RaceCommand::SetCamera(next));
    }
}

/// The surface's triangles projected and ordered far to near, in one mesh.
fn sorted_mesh(mesh: &SurfaceMesh, colours: &[Color32], projection: &Projection) -> Mesh {
    let depths: Vec<f64> = mesh.positions.iter().map(|&p| projection.depth(p)).collect();
    Mesh {
        vertices: mesh
            .positions
            .iter()
            .zip(colours)
            .map(|(&p, &color)| epaint::Vertex {
                pos: to_pos(projection.project(p).unwrap_or_default()),
                uv: epaint::WHITE_UV,
                color,
            })
            .collect(),
        indices: back_to_front(&mesh.triangles, &depths).into_iter().flat_map(|t| mesh.triangles[t as usize]).collect(),
        ..Mesh::default()
    }
}

fn to_pos([x, y]: [f64; 2]) -> Pos2 {
    Pos2::new(x as f32, y as f32)
}

/// What one frame draws with: the mesh, the camera's projection, the painter.
struct View<'a> {
    mesh: &'a SurfaceMesh,
    projection: Projection,
    painter: &'a Painter,
    style: PathStyle,
    text: Color32,
}

impl View<'_> {
    fn screen(&self, p: [f64; 3]) -> Option<Pos2> {
        self.projection.project(p).map(to_pos)
    }

    /// The four floor corners, counter-clockwise from (−x, −y).
    fn floor_corners(&self) -> [[f64; 3]; 4] {
        let [hx, hy] = self.mesh.half_extents();
        [[-hx, -hy, FLOOR], [hx, -hy, FLOOR], [hx, hy, FLOOR], [-hx, hy, FLOOR]]
    }

    /// The box the surface sits in, faint, painted before the surface so
    /// that the surface hides the edges behind it.
    fn frame(&self) {
        let stroke = Stroke::new(1.0, self.text.gamma_multiply(0.3));
        let floor = self.floor_corners();
        let top = floor.map(|[x, y, _]| [x, y, TOP]);
        for ring in [floor, top] {
            self.painter.add(Shape::closed_line(ring.iter().filter_map(|&c| self.screen(c)).collect(), stroke));
        }
        for (a, b) in floor.into_iter().zip(top) {
            if let (Some(a), Some(b)) = (self.screen(a), self.screen(b)) {
                self.painter.line_segment([a, b], stroke);
            }
        }
    }

    /// Axis names and ranges on the nearer floor edges, and a loss axis at
    /// the corner farthest left on screen.
    fn axes(&self) {
        let c = self.floor_corners();
        let w = self.mesh.window;
        let middle = self.screen(self.mesh.target()).unwrap_or_default();
        let near = |a: [f64; 3], b: [f64; 3]| self.projection.depth(a) + self.projection.depth(b);
        // Edges along x: c0–c1 (y = y_min) and c3–c2 (y = y_max); along y: c0–c3 and c1–c2.
        let x_edge = if near(c[0], c[1]) <= near(c[3], c[2]) { (c[0], c[1]) } else { (c[3], c[2]) };
        let y_edge = if near(c[0], c[3]) <= near(c[1], c[2]) { (c[0], c[3]) } else { (c[1], c[2]) };
        for ((a, b), name, lo, hi) in [(x_edge, "x", w.x_min, w.x_max), (y_edge, "y", w.y_min, w.y_max)] {
            let (Some(pa), Some(pb)) = (self.screen(a), self.screen(b)) else { continue };
            self.painter.line_segment([pa, pb], Stroke::new(1.5, self.text.gamma_multiply(0.7)));
            // Labels sit beside the edge, on the side away from the middle,
            // the range ends a little in from the corners so they never meet.
            let along = pb - pa;
            let mut outward = along.rot90().normalized();
            if outward.dot(pa + along * 0.5 - middle) < 0.0 {
                outward = -outward;
            }
            for (t, text, size) in [(0.1, short(lo), 12.0), (0.9, short(hi), 12.0), (0.5, name.to_owned(), 16.0)] {
                let pos = pa + along * t + outward * (size + 4.0);
                self.painter.text(pos, Align2::CENTER_CENTER, text, FontId::proportional(size), self.text);
            }
        }
        let Some(corner) = c.iter().copied().filter(|&p| self.screen(p).is_some()).min_by(|a, b| {
            let (pa, pb) = (self.screen(*a).unwrap_or_default(), self.screen(*b).unwrap_or_default());
            pa.x.total_cmp(&pb.x)
        }) else {
            return;
        };
        let top = [corner[0], corner[1], TOP];
        let (Some(bottom), Some(top)) = (self.screen(corner), self.screen(top)) else { return };
        self.painter.line_segment([bottom, top], Stroke::new(1.5, self.text.gamma_multiply(0.7)));
        let (lo, hi) = self.mesh.scale.range();
        let left = egui::vec2(-8.0, 0.0);
        self.painter.text(
            bottom + left,
            Align2::RIGHT_CENTER,
            format!("min {}", short(lo)),
            FontId::proportional(12.0),
            self.text,
        );
        self.painter.text(
            top + left,
            Align2::RIGHT_CENTER,
            format!("max {}", short(hi)),
            FontId::proportional(12.0),
            self.text,
        );
        self.painter.text(
            top + egui::vec2(-12.0, -12.0),
            Align2::LEFT_BOTTOM,
            "loss (log scale)",
            FontId::proportional(14.0),
            self.text,
        );
    }

    /// Where plane point `p` sits on the surface, slightly above it; None
    /// outside the window or off screen.
    fn on_surface(&self, state: &RaceState, p: [f64; 2]) -> Option<Pos2> {
        if !self.mesh.window.contains(p) {
            return None;
        }
        self.screen(self.mesh.lift(p, state.surface.value(p), LIFT))
    }

    /// Minima, saddle points and the start.
    fn landmarks(&self, state: &RaceState) {
        let r = self.style.marker;
        for p in state.surface.minima().into_iter().filter_map(|m| self.on_surface(state, m)) {
            star(self.painter, p, r, Color32::from_rgb(255, 80, 80));
        }
        for p in state.surface.saddle_points().into_iter().filter_map(|s| self.on_surface(state, s)) {
            cross(self.painter, p, r * 0.7, Color32::WHITE);
        }
        if let Some(p) = self.on_surface(state, state.start) {
            self.painter.circle_stroke(p, r, Stroke::new(2.0, Color32::WHITE));
        }
    }

    /// A path on the surface in `color`, broken where it leaves the window.
    fn path(&self, state: &RaceState, path: &[[f64; 2]], color: Color32) {
        let mut pieces: Vec<Vec<Pos2>> = vec![Vec::new()];
        for &p in path {
            match self.on_surface(state, p) {
                Some(pos) => pieces.last_mut().into_iter().for_each(|piece| piece.push(pos)),
                None if pieces.last().is_some_and(|piece| !piece.is_empty()) => pieces.push(Vec::new()),
                None => {}
            }
        }
        for piece in pieces.into_iter().filter(|piece| piece.len() > 1) {
            self.painter.line(piece.clone(), Stroke::new(self.style.width + 2.0, Color32::from_black_alpha(140)));
            self.painter.line(piece, Stroke::new(self.style.width, color));
        }
    }

    /// The run's current point: a dot, or a cross once it diverged.
    fn current(&self, state: &RaceState, p: [f64; 2], color: Color32, diverged: bool) {
        let Some(pos) = self.on_surface(state, p) else { return };
        let r = self.style.marker * 0.7;
        if diverged {
            cross(self.painter, pos, r, color);
        } else {
            self.painter.circle(pos, r, color, Stroke::new(1.5, Color32::BLACK));
        }
    }

    /// The runs' colours and names, the minimum and the start, top right.
    fn legend(&self, rect: Rect, runs: &[(String, Color32)]) {
        let font = FontId::proportional(14.0);
        let row = 20.0;
        let rows = runs.len() + 2;
        let width = runs
            .iter()
            .map(|(name, _)| name.as_str())
            .chain(["minimum", "start"])
            .map(|text| self.painter.layout_no_wrap(text.to_owned(), font.clone(), self.text).size().x)
            .fold(0.0, f32::max)
            + 44.0;
        let frame = Rect::from_min_size(
            rect.right_top() + egui::vec2(-width - 10.0, 10.0),
            egui::vec2(width, row * rows as f32 + 8.0),
        );
        self.painter.rect_filled(frame, 4.0, Color32::from_black_alpha(150));
        let mut y = frame.top() + 4.0 + row / 2.0;
        let symbol_x = frame.left() + 16.0;
        let text_x = frame.left() + 34.0;
        for (name, color) in runs {
            self.painter
                .line_segment([Pos2::new(symbol_x - 10.0, y), Pos2::new(symbol_x + 10.0, y)], Stroke::new(3.0, *color));
            self.painter.text(Pos2::new(text_x, y), Align2::LEFT_CENTER, name, font.clone(), Color32::WHITE);
            y += row;
        }
        star(self.painter, Pos2::new(symbol_x, y), 6.0, Color32::from_rgb(255, 80, 80));
        self.painter.text(Pos2::new(text_x, y), Align2::LEFT_CENTER, "minimum", font.clone(), Color32::WHITE);
        y += row;
        self.painter.circle_stroke(Pos2::new(symbol_x, y), 6.0, Stroke::new(2.0, Color32::WHITE));
        self.painter.text(Pos2::new(text_x, y), Align2::LEFT_CENTER, "start", font, Color32::WHITE);
    }
}

/// An asterisk: three strokes through `p`.
fn star(painter: &Painter, p: Pos2, r: f32, color: Color32) {
    for angle in [0.0f32, 60.0, 120.0] {
        let d = egui::Vec2::angled(angle.to_radians() + std::f32::consts::FRAC_PI_2) * r;
        painter.line_segment([p - d, p + d], Stroke::new(2.5, color));
    }
}

/// An × through `p`.
fn cross(painter: &Painter, p: Pos2, r: f32, color: Color32) {
    for d in [egui::vec2(r, r), egui::vec2(r, -r)] {
        painter.line_segment([p - d, p + d], Stroke::new(2.5, color));
    }
}

/// A number in a few characters: 0.25, 3284, 3.4e-5.
fn short(v: f64) -> String {
    let a = v.abs();
    if a != 0.0 && !(1e-2..1e4).contains(&a) {
        return format!("{v:.1e}");
    }
    let text = format!("{v:.*}", if a >= 100.0 { 0 } else { 2 });
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}
