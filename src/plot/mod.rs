//! Geometry for pictures, without any GUI type: the window of the plane a
//! plot shows, axis ranges that can always be drawn, grids and contours,
//! colormaps, level of detail for long paths, and the 3-D height mesh.

pub mod axis;
pub mod colormap;
pub mod contour;
pub mod lod;
pub mod mesh3d;
pub mod window;
