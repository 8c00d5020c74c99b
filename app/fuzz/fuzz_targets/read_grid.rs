//! The spreadsheet reader must never panic, whatever the upload, and what it returns stays
//! within its limits.
#![no_main]

use app::backend::import::{Limits, read_grid};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // libfuzzer-sys's panic hook aborts on every panic, even one read_grid catches (it refuses a
    // file whose third-party parser panics as damaged). Back to the default hook: a panic that
    // escapes read_grid still aborts (libfuzzer-sys's wrapper) and is saved as a crash.
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| drop(std::panic::take_hook()));
    let limits = Limits::default();
    if let Ok(grids) = read_grid(data, "fuzz.bin", &limits) {
        let mut cells = 0;
        for g in &grids {
            assert!(g.rows.len() <= limits.max_rows, "{} rows", g.rows.len());
            for r in &g.rows {
                cells += r.cells.len();
                for c in &r.cells {
                    assert!(c.value.text().chars().count() <= limits.max_cell_chars);
                }
            }
        }
        assert!(cells <= limits.max_cells, "{cells} cells");
    }
});
