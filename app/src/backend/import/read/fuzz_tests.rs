//! A deterministic stand-in for the cargo-fuzz target `fuzz/fuzz_targets/read_grid.rs`, run by
//! `cargo test`: the reader is fed mutations of the real fixture, a small csv and a tiny ods-like
//! zip (bit flips, byte overwrites, truncations, insertions, splices of one into another) from a
//! fixed-seed xorshift, and must never panic; what it accepts stays within its limits.
//! `FORUMPLAN_FUZZ_CASES` sets the number of cases (default 3,000; `scripts/fuzz-import.sh`
//! documents the longer runs).
#![allow(clippy::unwrap_used)]

use super::*;

const FIXTURE: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/wolverhampton-dv-action-plan.xlsx"
));

const CSV: &[u8] = b"Wolverhampton DV Strategy,,,,\n\nEveryone's Business,,,,\n\
Action,Activity,Targets,Partners,Resources\n\
Training,\"Training strategy\n\nTrainer\",\"2005-2006\n12 month post to 03.06\",\"WDVF, WCC\",Haven\n\
\"=cmd\",-5,007,\"a\"\"b\",\n";

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn mutate(rng: &mut XorShift, seeds: &[&[u8]]) -> Vec<u8> {
    let mut data = seeds[rng.below(seeds.len())].to_vec();
    for _ in 0..=rng.below(4) {
        match rng.below(6) {
            0 => {
                // bit flips
                for _ in 0..=rng.below(8) {
                    if !data.is_empty() {
                        let i = rng.below(data.len());
                        data[i] ^= 1 << rng.below(8);
                    }
                }
            }
            1 => {
                // an interesting byte overwritten
                const BYTES: [u8; 10] = [0, 0xff, 0x7f, 0x80, b'"', b',', b'\n', b'<', b'>', b'&'];
                if !data.is_empty() {
                    let i = rng.below(data.len());
                    data[i] = BYTES[rng.below(BYTES.len())];
                }
            }
            2 => {
                // truncation
                let n = rng.below(data.len() + 1);
                data.truncate(n);
            }
            3 => {
                // a slice of a seed inserted
                let src = seeds[rng.below(seeds.len())];
                let a = rng.below(src.len());
                let b = (a + rng.below(256)).min(src.len());
                let at = rng.below(data.len() + 1);
                data.splice(at..at, src[a..b].iter().copied());
            }
            4 => {
                // a range removed
                let a = rng.below(data.len() + 1);
                let b = (a + rng.below(64)).min(data.len());
                data.drain(a..b);
            }
            _ => {
                // a 4-byte little-endian number overwritten (zip sizes and offsets)
                if data.len() >= 4 {
                    let i = rng.below(data.len() - 3);
                    let v: u32 = [0, 1, 0xffff, 0xffff_ffff, 0x7fff_ffff][rng.below(5)];
                    data[i..i + 4].copy_from_slice(&v.to_le_bytes());
                }
            }
        }
    }
    data
}

fn within(grids: &[Grid], limits: &Limits) {
    let mut cells = 0;
    for g in grids {
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

#[test]
fn mutated_uploads_never_panic_and_stay_within_limits() {
    let cases: usize = std::env::var("FORUMPLAN_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3_000);
    let seeds: [&[u8]; 2] = [FIXTURE, CSV];
    let tight = Limits {
        max_bytes: 64 * 1024,
        max_rows: 20,
        max_cells: 60,
        max_cell_chars: 50,
        max_unzipped_bytes: 256 * 1024,
    };
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let (mut ok, mut refused) = (0, 0);
    for case in 0..cases {
        let data = mutate(&mut rng, &seeds);
        let limits = if case % 4 == 3 {
            tight
        } else {
            Limits::default()
        };
        let name = ["fuzz.bin", "plan.csv", "plan.xlsx"][case % 3];
        let result = std::panic::catch_unwind(|| read_grid(&data, name, &limits));
        match result {
            Ok(Ok(grids)) => {
                within(&grids, &limits);
                ok += 1;
            }
            Ok(Err(_)) => refused += 1,
            Err(_) => {
                let path = std::env::temp_dir().join(format!("read_grid-panic-{case}.bin"));
                std::fs::write(&path, &data).unwrap();
                panic!("case {case} panicked; its input is in {}", path.display());
            }
        }
    }
    eprintln!("{cases} mutated uploads: {ok} read, {refused} refused");
    assert!(ok > 0 && refused > 0, "{ok} read, {refused} refused");
}

/// Found by the test above: a cell reference whose row number overflows makes calamine panic
/// (with overflow checks on); the file is refused as damaged.
#[test]
fn a_cell_reference_that_overflows_is_refused_as_damaged() {
    let data = include_bytes!("../../../../fuzz/seeds/read_grid/calamine-overflow.xlsx");
    let e = read_grid(data, "plan.xlsx", &Limits::default()).unwrap_err();
    assert!(matches!(e, ReadError::Corrupt { .. }), "{e}");
}
