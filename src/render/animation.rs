//! The race as an animated GIF: the paths grow over [`GIF_FRAMES`] frames
//! (every step of a shorter race), the first frame and the last one hold, and
//! the animation loops.
//!
//! All frames share one palette, the most common colours of the last frame,
//! so the map keeps its exact colours and does not flicker; other colours
//! (the edges of lines and letters) take the nearest palette colour. After
//! the first frame only the rectangle that changed is stored, its unchanged
//! pixels transparent, which keeps the file small.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use gif::{DisposalMethod, Encoder, Frame, Repeat};

use super::race::RaceFigure;
use super::{check_size, figure_paths_named, rgb_pixels, MapDetail, RenderError};
use crate::engine::race::Simulation;
use crate::scene::{Layout, Scene};

/// Frames of a race animation (fewer when the race has fewer steps).
pub const GIF_FRAMES: usize = 90;
/// Display time of each frame, in hundredths of a second.
const FRAME_DELAY: u16 = 5;
/// Display time of the first frame (the start), in hundredths of a second.
const FIRST_HOLD: u16 = 100;
/// Display time of the last frame (the outcome), in hundredths of a second.
const LAST_HOLD: u16 = 300;
/// The palette index of transparent pixels; the colours take the others.
const TRANSPARENT: u8 = 255;
/// The [`distance`] below which a colour is first passed over as a near
/// copy of one already in the palette (about 6 levels in each channel).
const DISTINCT: i32 = 300;

/// Writes the race of `sim` as an animated GIF of `width × height` pixels,
/// `<stem>_race.gif` beside `path`, and returns its path. Nothing is written
/// unless every frame drew.
pub fn export_gif(
    scene: &Scene,
    sim: &Simulation,
    path: &Path,
    (width, height): (u32, u32),
    layout: Layout,
) -> Result<PathBuf, RenderError> {
    check_size(width, height)?;
    let [target] = figure_paths_named(path, "gif", ["race"])?;
    let figure = RaceFigure::new(scene, sim, layout, MapDetail::Fine);
    let draw = |step: usize| rgb_pixels(width, height, |area| figure.draw(area, Some(step)));
    let steps = frame_steps(sim.steps(), GIF_FRAMES);
    // The last frame (the whole race) also gives the palette, so it is drawn first, once.
    let last = draw(sim.steps())?;
    let mut palette = Palette::of(&last);
    let encode_error = |e: gif::EncodingError| RenderError::Encode(e.to_string());
    let side = |n: u32| u16::try_from(n).map_err(|_| RenderError::Size { width, height });
    let mut encoder = Encoder::new(Vec::new(), side(width)?, side(height)?, &palette.table()).map_err(encode_error)?;
    encoder.set_repeat(Repeat::Infinite).map_err(encode_error)?;
    let mut previous: Option<Vec<u8>> = None;
    let mut encode = |pixels: Vec<u8>, delay: u16| {
        let mut frame = palette.frame(&pixels, previous.as_deref(), width as usize);
        frame.delay = delay;
        previous = Some(pixels);
        encoder.write_frame(&frame).map_err(encode_error)
    };
    // The frames before it are drawn a batch at a time, one per core, and encoded in order.
    let earlier = &steps[..steps.len() - 1];
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    for (batch_index, batch) in earlier.chunks(workers).enumerate() {
        let drawn: Vec<Result<Vec<u8>, RenderError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = batch.iter().map(|&step| scope.spawn(move || draw(step))).collect();
            handles
                .into_iter()
                .map(|handle| handle.join().unwrap_or_else(|_| Err(RenderError::Draw("a frame panicked".to_owned()))))
                .collect()
        });
        for (offset, pixels) in drawn.into_iter().enumerate() {
            let first = batch_index == 0 && offset == 0;
            encode(pixels?, if first { FIRST_HOLD } else { FRAME_DELAY })?;
        }
    }
    encode(last, LAST_HOLD)?;
    let bytes = encoder.into_inner().map_err(encode_error)?;
    super::write_figures(&[(&target, &bytes)])?;
    Ok(target)
}

/// The steps shown by the frames: `frames` evenly spaced steps from 0 to
/// `total`, or every step when there are fewer.
fn frame_steps(total: usize, frames: usize) -> Vec<usize> {
    let count = frames.min(total + 1);
    if count < 2 {
        return vec![total];
    }
    (0..count).map(|i| (i * total + (count - 1) / 2) / (count - 1)).collect()
}

/// Up to 255 colours and the palette index of every colour met so far.
struct Palette {
    colors: Vec<[u8; 3]>,
    /// Index + 1 of the nearest palette colour, by 24-bit colour; 0 = not met yet.
    nearest: Vec<u16>,
}

impl Palette {
    /// Up to 255 colours of an RGB image, most common first, skipping at
    /// first those close to one already taken so that rare but distinct
    /// colours (a thin valley, a marker) get their own entry; what room is
    /// left goes to the most common of the skipped ones.
    fn of(rgb: &[u8]) -> Palette {
        let mut counts: HashMap<[u8; 3], u32> = HashMap::new();
        for pixel in rgb.chunks_exact(3) {
            *counts.entry([pixel[0], pixel[1], pixel[2]]).or_insert(0) += 1;
        }
        let mut common: Vec<([u8; 3], u32)> = counts.into_iter().collect();
        common.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let room = usize::from(TRANSPARENT);
        let mut colors: Vec<[u8; 3]> = Vec::with_capacity(room);
        let mut skipped = Vec::new();
        for (color, _) in common {
            if colors.len() == room {
                break;
            }
            if colors.iter().all(|&taken| distance(taken, color) >= DISTINCT) {
                colors.push(color);
            } else {
                skipped.push(color);
            }
        }
        let left = room - colors.len();
        colors.extend(skipped.into_iter().take(left));
        Palette { colors, nearest: vec![0; 1 << 24] }
    }

    /// The palette as the GIF's colour table: 256 RGB entries, the unused
    /// ones and the transparent one black.
    fn table(&self) -> Vec<u8> {
        let mut table: Vec<u8> = self.colors.iter().flatten().copied().collect();
        table.resize(256 * 3, 0);
        table
    }

    /// The palette index of the colour nearest to `color`.
    fn index(&mut self, [r, g, b]: [u8; 3]) -> u8 {
        let key = (usize::from(r) << 16) | (usize::from(g) << 8) | usize::from(b);
        if let Some(known) = self.nearest[key].checked_sub(1) {
            return known as u8;
        }
        let best = (0..self.colors.len()).min_by_key(|&i| distance(self.colors[i], [r, g, b])).unwrap_or(0);
        self.nearest[key] = best as u16 + 1;
        best as u8
    }

    /// The GIF frame showing `pixels` (RGB rows `width` pixels wide): the
    /// whole image, or after `previous` the rectangle where the two differ,
    /// with the pixels that did not change transparent.
    fn frame(&mut self, pixels: &[u8], previous: Option<&[u8]>, width: usize) -> Frame<'static> {
        let height = pixels.len() / (3 * width);
        let changed = |i: usize| previous.is_none_or(|before| before[3 * i..3 * i + 3] != pixels[3 * i..3 * i + 3]);
        let (mut left, mut top, mut right, mut bottom) = (width, height, 0, 0);
        for y in 0..height {
            let row = y * width..(y + 1) * width;
            if previous.is_some_and(|before| before[3 * row.start..3 * row.end] == pixels[3 * row.start..3 * row.end]) {
                continue;
            }
            let first = row.clone().find(|&i| changed(i)).unwrap_or(row.start) - row.start;
            let last = row.clone().rev().find(|&i| changed(i)).unwrap_or(row.start) - row.start;
            (left, right, top, bottom) = (left.min(first), right.max(last), top.min(y), y);
        }
        if left > right {
            // Nothing changed: one transparent pixel keeps the frame's place in time.
            (left, right, top, bottom) = (0, 0, 0, 0);
        }
        let mut buffer = Vec::with_capacity((right - left + 1) * (bottom - top + 1));
        for y in top..=bottom {
            for i in y * width + left..=y * width + right {
                let color = [pixels[3 * i], pixels[3 * i + 1], pixels[3 * i + 2]];
                buffer.push(if changed(i) { self.index(color) } else { TRANSPARENT });
            }
        }
        let side = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        Frame {
            left: side(left),
            top: side(top),
            width: side(right - left + 1),
            height: side(bottom - top + 1),
            buffer: Cow::Owned(buffer),
            transparent: previous.map(|_| TRANSPARENT),
            dispose: DisposalMethod::Keep,
            ..Frame::default()
        }
    }
}

/// Weighted squared distance of two colours (green counts most, blue next,
/// as the eye sees them).
fn distance(a: [u8; 3], b: [u8; 3]) -> i32 {
    let d = |k: usize| (i32::from(a[k]) - i32::from(b[k])).pow(2);
    2 * d(0) + 4 * d(1) + 3 * d(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_spread_over_the_race_and_end_on_its_last_step() {
        let steps = frame_steps(5000, 90);
        assert_eq!(steps.len(), 90);
        assert_eq!((steps[0], steps[89]), (0, 5000));
        assert!(steps.windows(2).all(|w| w[0] < w[1]), "{steps:?}");
        assert_eq!(frame_steps(20, 90), (0..=20).collect::<Vec<_>>());
        assert_eq!(frame_steps(0, 90), [0]);
    }

    #[test]
    fn the_palette_prefers_distinct_colours_and_maps_others_to_the_nearest() {
        let mut image = [10u8, 20, 30].repeat(5);
        image.extend([12, 20, 30].repeat(4));
        image.extend([250, 250, 250].repeat(3));
        let mut palette = Palette::of(&image);
        assert_eq!(palette.colors, [[10, 20, 30], [250, 250, 250], [12, 20, 30]]);
        assert_eq!(palette.index([240, 245, 250]), 1);
        assert_eq!(palette.index([10, 20, 30]), 0);
        assert_eq!(palette.table().len(), 768);
    }

    #[test]
    fn a_later_frame_holds_only_the_changed_rectangle() {
        let white = [255u8; 3].repeat(16);
        let mut dotted = white.clone();
        // Pixels (1, 2) and (2, 2) of a 4 × 4 image turn black.
        dotted[3 * 9..3 * 11].fill(0);
        let mut palette = Palette::of(&dotted);
        let first = palette.frame(&white, None, 4);
        assert_eq!((first.width, first.height, first.transparent), (4, 4, None));
        let second = palette.frame(&dotted, Some(&white), 4);
        assert_eq!((second.left, second.top, second.width, second.height), (1, 2, 2, 1));
        assert_eq!(second.buffer.as_ref(), [1, 1]);
        let same = palette.frame(&dotted, Some(&dotted), 4);
        assert_eq!((same.width, same.height, same.buffer.as_ref()), (1, 1, &[TRANSPARENT][..]));
    }
}
