//! The loss surface in 3-D: a height field on a log scale, shaded by a fixed
//! light, seen through an orbit camera, with its triangles put in
//! back-to-front order so that painting them in turn hides what lies behind
//! (the painter's algorithm). No GUI types: the app turns the result into a
//! coloured mesh.
//!
//! World coordinates: the window maps onto `[-1, 1]` along its longer side
//! (keeping its aspect), the height onto `[0, TOP]`, z up.

use nalgebra::Vector3;

use crate::plot::contour::Grid;
use crate::plot::window::Window;

/// Height of the tallest point of the surface, in world units.
pub const TOP: f64 = 0.9;

/// Direction the light comes from (towards it), before normalising:
/// over the viewer's left shoulder in the default view.
const LIGHT: [f64; 3] = [-0.4, -0.7, 1.0];

/// Brightness of a face turned away from the light.
const AMBIENT: f64 = 0.45;

/// Normalised log height: `log(f − lo + δ)` mapped so that `lo` is 0 and
/// `hi` is 1, with `δ = 10⁻⁴ (hi − lo)`, so that minima stand out on
/// surfaces whose values span decades.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LogHeight {
    lo: f64,
    hi: f64,
    delta: f64,
    log_lo: f64,
    span: f64,
}

impl LogHeight {
    /// The scale for values from `lo` to `hi`.
    pub fn new(lo: f64, hi: f64) -> LogHeight {
        let delta = ((hi - lo) * 1e-4).max(1e-12);
        let log_lo = delta.log10();
        let span = ((hi - lo + delta).log10() - log_lo).max(1e-12);
        LogHeight { lo, hi, delta, log_lo, span }
    }

    /// The scale for the finite values of `grid` (0 to 1 when there are none).
    pub fn of_grid(grid: &Grid) -> LogHeight {
        let (lo, hi) = grid.min_max().unwrap_or((0.0, 1.0));
        LogHeight::new(lo, hi)
    }

    /// The values at heights 0 and 1.
    pub fn range(&self) -> (f64, f64) {
        (self.lo, self.hi)
    }

    /// `value` on the scale, clamped to `[0, 1]`; anything not finite is 1.
    pub fn height(&self, value: f64) -> f64 {
        if !value.is_finite() {
            return 1.0;
        }
        (((value - self.lo).max(0.0) + self.delta).log10() - self.log_lo) / self.span
    }
}

/// An orbit camera: it looks at the middle of the surface's box from
/// `distance` away, turned by `yaw` about the vertical and raised by `pitch`
/// (radians).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// Angle about the vertical axis; −π/2 looks along +y (x to the right).
    pub yaw: f64,
    /// Angle above the floor, within [`Camera::PITCH`].
    pub pitch: f64,
    /// Distance from the target, within [`Camera::DISTANCE`].
    pub distance: f64,
}

impl Default for Camera {
    /// A view from the front left, a little above, the whole box in sight.
    fn default() -> Camera {
        Camera { yaw: -110f64.to_radians(), pitch: 45f64.to_radians(), distance: 4.0 }
    }
}

impl Camera {
    /// Allowed pitch: from just above the floor to just short of straight down.
    pub const PITCH: (f64, f64) = (0.05, 1.55);
    /// Allowed distance: never inside the box, never lost in the distance.
    pub const DISTANCE: (f64, f64) = (2.2, 12.0);

    /// The camera turned by `d_yaw` and raised by `d_pitch`, pitch clamped.
    pub fn orbit(self, d_yaw: f64, d_pitch: f64) -> Camera {
        Camera { yaw: self.yaw + d_yaw, pitch: self.pitch + d_pitch, ..self }.clamped()
    }

    /// The camera moved `factor` times as far away, distance clamped.
    pub fn zoom(self, factor: f64) -> Camera {
        Camera { distance: self.distance * factor, ..self }.clamped()
    }

    /// Pitch and distance within their ranges and yaw within (−π, π]; a
    /// camera with a value that is not finite becomes the default.
    pub fn clamped(self) -> Camera {
        if ![self.yaw, self.pitch, self.distance].iter().all(|v| v.is_finite()) {
            return Camera::default();
        }
        let (pi, tau) = (std::f64::consts::PI, std::f64::consts::TAU);
        let yaw = if self.yaw > -pi && self.yaw <= pi {
            self.yaw
        } else {
            let turned = self.yaw.rem_euclid(tau);
            if turned > pi {
                turned - tau
            } else {
                turned
            }
        };
        Camera {
            yaw,
            pitch: self.pitch.clamp(Camera::PITCH.0, Camera::PITCH.1),
            distance: self.distance.clamp(Camera::DISTANCE.0, Camera::DISTANCE.1),
        }
    }
}

/// A perspective view of the world through a [`Camera`], onto a screen
/// whose y axis points down.
#[derive(Clone, Copy, Debug)]
pub struct Projection {
    eye: Vector3<f64>,
    right: Vector3<f64>,
    up: Vector3<f64>,
    forward: Vector3<f64>,
    center: [f64; 2],
    focal: f64,
}

impl Projection {
    /// The camera looking at `target`; the target lands on `center` and a
    /// unit length at unit depth spans `focal` screen units.
    pub fn new(camera: &Camera, target: [f64; 3], center: [f64; 2], focal: f64) -> Projection {
        let (sy, cy) = camera.yaw.sin_cos();
        let (sp, cp) = camera.pitch.sin_cos();
        let back = Vector3::new(cp * cy, cp * sy, sp);
        let eye = Vector3::from(target) + back * camera.distance;
        let forward = -back;
        let right = Vector3::new(-sy, cy, 0.0);
        let up = right.cross(&forward);
        Projection { eye, right, up, forward, center, focal }
    }

    /// Distance of `p` in front of the camera, along its view direction.
    pub fn depth(&self, p: [f64; 3]) -> f64 {
        (Vector3::from(p) - self.eye).dot(&self.forward)
    }

    /// Where `p` lands on the screen, or None when it is not in front of the camera.
    pub fn project(&self, p: [f64; 3]) -> Option<[f64; 2]> {
        let d = Vector3::from(p) - self.eye;
        let depth = d.dot(&self.forward);
        (depth > 1e-6).then(|| {
            let k = self.focal / depth;
            [self.center[0] + k * d.dot(&self.right), self.center[1] - k * d.dot(&self.up)]
        })
    }
}

/// The indices of `triangles` ordered from the farthest to the nearest, by
/// the depth of their centroids (`depths` holds one depth per vertex).
pub fn back_to_front(triangles: &[[u32; 3]], depths: &[f64]) -> Vec<u32> {
    let mut keyed: Vec<(f64, u32)> =
        triangles.iter().zip(0u32..).map(|(t, i)| (t.iter().map(|&v| depths[v as usize]).sum::<f64>(), i)).collect();
    keyed.sort_unstable_by(|a, b| b.0.total_cmp(&a.0));
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// The surface over a window as a shaded triangle mesh in world coordinates.
#[derive(Clone, Debug)]
pub struct SurfaceMesh {
    /// The window the mesh covers.
    pub window: Window,
    /// The height scale of the sampled values.
    pub scale: LogHeight,
    /// Vertex positions, row by row from `y_min` as in the [`Grid`].
    pub positions: Vec<[f64; 3]>,
    /// Normalised height of each vertex, in `[0, 1]`, for the colour map.
    pub heights: Vec<f64>,
    /// Lambert brightness of each vertex, in `[AMBIENT, 1]`.
    pub shades: Vec<f64>,
    /// Triangles as vertex indices, two per grid cell.
    pub triangles: Vec<[u32; 3]>,
    half: [f64; 2],
}

impl SurfaceMesh {
    /// The mesh of a sampled grid (at least 2 × 2 samples).
    pub fn new(grid: &Grid) -> SurfaceMesh {
        let scale = LogHeight::of_grid(grid);
        let half = half_extents(grid.window);
        let mut mesh = SurfaceMesh {
            window: grid.window,
            scale,
            positions: Vec::new(),
            heights: Vec::new(),
            shades: Vec::new(),
            triangles: Vec::new(),
            half,
        };
        let (nx, ny) = (grid.nx, grid.ny);
        for j in 0..ny {
            for i in 0..nx {
                let h = scale.height(grid.values[j * nx + i]);
                mesh.heights.push(h);
                mesh.positions.push(mesh.to_world([grid.x_at(i), grid.y_at(j)], h));
            }
        }
        let light = Vector3::from(LIGHT).normalize();
        let at = |i: usize, j: usize| Vector3::from(mesh.positions[j * nx + i]);
        for j in 0..ny {
            for i in 0..nx {
                // The normal from the neighbouring samples (one-sided at the border).
                let along_x = at((i + 1).min(nx - 1), j) - at(i.saturating_sub(1), j);
                let along_y = at(i, (j + 1).min(ny - 1)) - at(i, j.saturating_sub(1));
                let normal = along_x.cross(&along_y).try_normalize(0.0).unwrap_or_else(Vector3::z);
                mesh.shades.push(AMBIENT + (1.0 - AMBIENT) * normal.dot(&light).max(0.0));
            }
        }
        for j in 0..ny.saturating_sub(1) {
            for i in 0..nx.saturating_sub(1) {
                let v = (j * nx + i) as u32;
                let (right, above) = (v + 1, v + nx as u32);
                mesh.triangles.push([v, right, above + 1]);
                mesh.triangles.push([v, above + 1, above]);
            }
        }
        mesh
    }

    /// The world position of plane point `p` at normalised height `h`.
    pub fn to_world(&self, p: [f64; 2], h: f64) -> [f64; 3] {
        let w = self.window;
        let [hx, hy] = self.half;
        let x = ((p[0] - w.x_min) / (w.x_max - w.x_min) * 2.0 - 1.0) * hx;
        let y = ((p[1] - w.y_min) / (w.y_max - w.y_min) * 2.0 - 1.0) * hy;
        [x, y, h * TOP]
    }

    /// The world position of plane point `p` with loss `value`, raised by
    /// `lift` world units: where a path is drawn on the surface.
    pub fn lift(&self, p: [f64; 2], value: f64, lift: f64) -> [f64; 3] {
        let [x, y, z] = self.to_world(p, self.scale.height(value));
        [x, y, z + lift]
    }

    /// Half the box's size along x and y, in world units (the longer is 1).
    pub fn half_extents(&self) -> [f64; 2] {
        self.half
    }

    /// The middle of the box: where the camera looks.
    pub fn target(&self) -> [f64; 3] {
        [0.0, 0.0, TOP / 2.0]
    }
}

/// Half extents of the box for `window`: 1 along the longer side, the
/// other in proportion (but not flatter than a fifth).
fn half_extents(window: Window) -> [f64; 2] {
    let [w, h] = window.size();
    let longer = w.max(h);
    [(w / longer).max(0.2), (h / longer).max(0.2)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bowl(n: usize) -> Grid {
        Grid::sample(Window::new(-2.0, 2.0, -1.0, 1.0), n, n, |x, y| x * x + y * y)
    }

    #[test]
    fn the_target_projects_to_the_centre() {
        let mesh = SurfaceMesh::new(&bowl(5));
        let camera = Camera::default().orbit(0.7, -0.2);
        let projection = Projection::new(&camera, mesh.target(), [300.0, 200.0], 500.0);
        let [x, y] = projection.project(mesh.target()).unwrap();
        assert!((x - 300.0).abs() < 1e-9 && (y - 200.0).abs() < 1e-9, "{x} {y}");
        assert!((projection.depth(mesh.target()) - camera.distance).abs() < 1e-9);
    }

    #[test]
    fn screen_axes_follow_the_camera() {
        // Looking along +y from the front: +x goes right, +z goes up (screen y down).
        let camera = Camera { yaw: -std::f64::consts::FRAC_PI_2, pitch: 0.3, distance: 4.0 };
        let projection = Projection::new(&camera, [0.0; 3], [0.0, 0.0], 100.0);
        let right = projection.project([0.5, 0.0, 0.0]).unwrap();
        let up = projection.project([0.0, 0.0, 0.5]).unwrap();
        assert!(right[0] > 1.0 && right[1].abs() < 1e-9, "{right:?}");
        assert!(up[1] < -1.0 && up[0].abs() < 1e-9, "{up:?}");
        assert!(projection.project([0.0, -10.0, 0.0]).is_none(), "behind the camera");
    }

    #[test]
    fn triangles_come_out_far_to_near() {
        let mesh = SurfaceMesh::new(&bowl(12));
        for yaw in [0.0, 1.0, 2.5, -2.0] {
            let camera = Camera { yaw, ..Camera::default() };
            let projection = Projection::new(&camera, mesh.target(), [0.0, 0.0], 100.0);
            let depths: Vec<f64> = mesh.positions.iter().map(|&p| projection.depth(p)).collect();
            let order = back_to_front(&mesh.triangles, &depths);
            assert_eq!(order.len(), mesh.triangles.len());
            let centroid = |i: u32| mesh.triangles[i as usize].iter().map(|&v| depths[v as usize]).sum::<f64>();
            assert!(order.windows(2).all(|w| centroid(w[0]) >= centroid(w[1])));
            let (first, last) = (order[0] as usize, order[order.len() - 1] as usize);
            let eye_side = |t: usize| {
                let p = mesh.positions[mesh.triangles[t][0] as usize];
                p[0] * yaw.cos() + p[1] * yaw.sin()
            };
            assert!(eye_side(first) < eye_side(last), "the first triangle is on the far side at yaw {yaw}");
        }
    }

    #[test]
    fn heights_are_log_scaled_from_the_minimum() {
        let grid = bowl(21);
        let mesh = SurfaceMesh::new(&grid);
        let (lo, hi) = grid.min_max().unwrap();
        assert_eq!(mesh.scale.height(lo), 0.0);
        assert!((mesh.scale.height(hi) - 1.0).abs() < 1e-12);
        // On a log scale a tenth of the range sits well above a tenth of the height.
        assert!(mesh.scale.height(lo + (hi - lo) / 10.0) > 0.6);
        assert_eq!(mesh.scale.height(f64::NAN), 1.0);
        assert_eq!(mesh.scale.height(lo - 1.0), 0.0);
        let top = mesh.positions.iter().map(|p| p[2]).fold(f64::MIN, f64::max);
        assert!((top - TOP).abs() < 1e-12);
    }

    #[test]
    fn the_mesh_keeps_the_window_aspect_and_lights_slopes_facing_the_light() {
        let mesh = SurfaceMesh::new(&bowl(21));
        assert_eq!(mesh.half_extents(), [1.0, 0.5]);
        assert_eq!(mesh.triangles.len(), 2 * 20 * 20);
        assert_eq!(mesh.to_world([2.0, 1.0], 1.0), [1.0, 0.5, TOP]);
        // The light comes from −x: the bowl's +x wall faces it, the −x wall does not.
        let at = |i: usize, j: usize| mesh.shades[j * 21 + i];
        assert!(at(18, 10) > at(2, 10), "{} {}", at(18, 10), at(2, 10));
        assert!(mesh.shades.iter().all(|s| (AMBIENT..=1.0).contains(s)));
    }

    #[test]
    fn the_camera_stays_within_its_ranges() {
        let camera = Camera::default().orbit(10.0, 10.0).zoom(100.0);
        assert_eq!(camera.pitch, Camera::PITCH.1);
        assert_eq!(camera.distance, Camera::DISTANCE.1);
        assert!(camera.yaw > -std::f64::consts::PI && camera.yaw <= std::f64::consts::PI);
        assert_eq!(Camera::default().orbit(0.0, -10.0).pitch, Camera::PITCH.0);
        assert_eq!(Camera { yaw: f64::NAN, ..Camera::default() }.clamped(), Camera::default());
        assert_eq!(Camera::default().clamped(), Camera::default());
        let turned = Camera::default().orbit(std::f64::consts::TAU, 0.0);
        assert!((turned.yaw - Camera::default().yaw).abs() < 1e-12);
    }
}
