//! Any text typed as a vocabulary word: a word whose code reads back, or a refusal.
#![no_main]

use std::fmt::Debug;
use std::str::FromStr;

use ceasefire_tracker::model::*;
use ceasefire_tracker::InputError;
use libfuzzer_sys::fuzz_target;

fn check<V: Vocabulary + FromStr<Err = InputError> + Debug + PartialEq>(text: &str) {
    match text.parse::<V>() {
        Ok(word) => assert_eq!(word.code().parse::<V>(), Ok(word)),
        Err(InputError::UnknownWord { vocabulary, word, .. }) => {
            assert_eq!((vocabulary, word.as_str()), (V::NAME, text));
        }
        Err(other) => panic!("{other:?} for {text:?}"),
    }
}

fuzz_target!(|text: &str| {
    check::<ProposalStatus>(text);
    check::<Stance>(text);
    check::<Role>(text);
    check::<PartyKind>(text);
    check::<ProposalKind>(text);
    check::<ConditionKind>(text);
    check::<ConditionStatus>(text);
    check::<ConditionCategory>(text);
});
