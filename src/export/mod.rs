//! Scenes written out for other tools: [`py`] turns a race or a training into
//! a standalone PyTorch script that prints the same numbers optiviz does.

pub mod py;
