//! A measured figure beside its floor and target, printed as one line:
//! `NAME: VALUE UNIT (floor VALUE UNIT, ratio R, target T) ok|MISSED`.

use std::fmt;
use std::time::{Duration, Instant};

/// What a figure is measured in, and which way is better.
#[derive(Debug, Clone, Copy)]
pub enum Unit {
    /// Milliseconds; fewer is better.
    Millis,
    /// Events per second; more is better.
    EventsPerSecond,
    /// A dataset's agreements imported per second; more is better.
    AgreementsPerSecond,
    /// Memory, in MiB; less is better. (The window's figures, measured on Unix only.)
    #[cfg(unix)]
    Mebibytes,
    /// Elements in a page; fewer is better. (The window's figures too.)
    #[cfg(unix)]
    Rows,
}

impl Unit {
    fn name(self) -> &'static str {
        match self {
            Self::Millis => "ms",
            Self::EventsPerSecond => "events/s",
            Self::AgreementsPerSecond => "agreements/s",
            #[cfg(unix)]
            Self::Mebibytes => "MiB",
            #[cfg(unix)]
            Self::Rows => "rows",
        }
    }

    fn lower_is_better(self) -> bool {
        !matches!(self, Self::EventsPerSecond | Self::AgreementsPerSecond)
    }
}

/// What a figure must reach: an absolute bound, a bound on its ratio to the floor, or both.
#[derive(Debug, Clone, Copy, Default)]
pub struct Target {
    pub bound: Option<f64>,
    /// How many times worse than the floor it may be.
    pub ratio: Option<f64>,
}

pub struct Figure {
    pub name: &'static str,
    pub unit: Unit,
    pub value: f64,
    pub floor: Option<f64>,
    pub target: Target,
}

impl Figure {
    /// How many times worse than its floor: slower, or fewer events per second.
    pub fn ratio(&self) -> Option<f64> {
        let floor = self.floor?;
        Some(if self.unit.lower_is_better() { self.value / floor } else { floor / self.value })
    }

    pub fn met(&self) -> bool {
        let bound_met = self.target.bound.is_none_or(|bound| {
            if self.unit.lower_is_better() {
                self.value <= bound
            } else {
                self.value >= bound
            }
        });
        let ratio_met = match (self.target.ratio, self.ratio()) {
            (Some(most), Some(ratio)) => ratio <= most,
            _ => true,
        };
        bound_met && ratio_met
    }
}

fn number(value: f64) -> String {
    if value >= 100.0 {
        format!("{value:.0}")
    } else if value >= 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.2}")
    }
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = self.unit.name();
        write!(f, "{}: {} {unit} (", self.name, number(self.value))?;
        match (self.floor, self.ratio()) {
            (Some(floor), Some(ratio)) => write!(f, "floor {} {unit}, ratio {ratio:.2}, ", number(floor))?,
            _ => write!(f, "floor none, ratio none, ")?,
        }
        let mut target = Vec::new();
        if let Some(bound) = self.target.bound {
            let sign = if self.unit.lower_is_better() { "<=" } else { ">=" };
            target.push(format!("{sign} {} {unit}", number(bound)));
        }
        if let Some(ratio) = self.target.ratio {
            target.push(format!("ratio <= {ratio}"));
        }
        let target = if target.is_empty() { "none".to_string() } else { target.join(" and ") };
        write!(f, "target {target}) {}", if self.met() { "ok" } else { "MISSED" })
    }
}

/// The median time of `runs` runs of `work`, in milliseconds, after one run to warm up.
pub fn median_millis<T>(runs: usize, mut work: impl FnMut() -> T) -> f64 {
    std::hint::black_box(work());
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(work());
            started.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1000.0
}
