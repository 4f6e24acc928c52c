//! A small seeded random source (SplitMix64), written out here so that a seed gives the
//! same data set with every build, whatever a random-number crate does in a later version.

use chrono::{Duration, NaiveDate};
use uuid::Uuid;

pub(super) struct Random {
    state: u64,
}

impl Random {
    pub(super) fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// An independent stream for one part of the data set (a proposal, a party), so that
    /// each part depends only on the seed and its own number.
    pub(super) fn stream(seed: u64, part: u64, number: u64) -> Self {
        let mut mixer = Self::new(seed ^ part.wrapping_mul(0xA076_1D64_78BD_642F));
        let base = mixer.next();
        Self::new(base ^ number.wrapping_mul(0xE703_7ED1_A0B4_28DB))
    }

    pub(super) fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub(super) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `low..=high`.
    pub(super) fn between(&mut self, low: i64, high: i64) -> i64 {
        low + self.below((high - low + 1) as u64) as i64
    }

    /// True `percent` times in a hundred.
    pub(super) fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// One of `choices`, each as likely as its weight.
    pub(super) fn weighted<T: Copy>(&mut self, choices: &[(T, u64)]) -> T {
        let total: u64 = choices.iter().map(|(_, weight)| weight).sum();
        let mut roll = self.below(total);
        for &(choice, weight) in choices {
            if roll < weight {
                return choice;
            }
            roll -= weight;
        }
        choices[choices.len() - 1].0
    }

    /// A day in `first..=last`.
    pub(super) fn day(&mut self, first: NaiveDate, last: NaiveDate) -> NaiveDate {
        first + Duration::days(self.between(0, (last - first).num_days().max(0)))
    }

    /// A version 4 uuid drawn from the stream rather than from the system.
    pub(super) fn uuid(&mut self) -> Uuid {
        let bytes = (u128::from(self.next()) << 64 | u128::from(self.next())).to_be_bytes();
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_gives_the_same_numbers_and_another_seed_others() {
        let draw = |seed| {
            let mut random = Random::new(seed);
            (0..8).map(|_| random.next()).collect::<Vec<_>>()
        };
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7), draw(8));
    }

    #[test]
    fn draws_stay_in_their_bounds() {
        let mut random = Random::new(1);
        for _ in 0..10_000 {
            assert!(random.below(7) < 7);
            let n = random.between(-3, 3);
            assert!((-3..=3).contains(&n));
        }
        let first = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(2020, 1, 3).unwrap();
        let days: std::collections::HashSet<_> = (0..200).map(|_| random.day(first, last)).collect();
        assert_eq!(days.len(), 3);
        assert_eq!(random.uuid().get_version_num(), 4);
    }
}
