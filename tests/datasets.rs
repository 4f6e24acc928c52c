//! The three research datasets, read from files with the publishers' headers and rows
//! written for the tests (`tests/corpus/datasets/`): every column the mappings use, the
//! forms of dates, and the files an analyst may give by mistake.

use std::path::PathBuf;
use std::time::Instant;

use ceasefire_tracker::dataset::{
    self, Agreement, Aliases, Dataset, DatasetError, DatasetKind, Origin, Provision,
};
use ceasefire_tracker::model::{
    ConditionCategory, EventDate, PartyKind, Precision, ProposalKind, ProposalStatus, Role, Stance,
};

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/datasets").join(name)
}

fn text(name: &str) -> String {
    std::fs::read_to_string(corpus(name)).unwrap()
}

fn read(kind: DatasetKind, name: &str) -> Dataset {
    dataset::read(kind, &corpus(name), &Aliases::shipped()).unwrap_or_else(|e| panic!("{e}"))
}

fn read_text(kind: DatasetKind, text: &str) -> Result<Dataset, DatasetError> {
    dataset::read_bytes(kind, text.as_bytes(), "edited.csv", &Aliases::shipped())
}

fn date(text: &str) -> EventDate {
    text.parse().unwrap()
}

fn agreement<'d>(dataset: &'d Dataset, kind: DatasetKind, id: &str) -> &'d Agreement {
    let origin = Origin::new(kind, id);
    dataset.agreements.iter().find(|a| a.origin == origin).unwrap_or_else(|| panic!("no {origin}"))
}

/// Each party as (name, kind, role, stance).
fn parties(agreement: &Agreement) -> Vec<(&str, PartyKind, Role, Stance)> {
    agreement.parties.iter().map(|p| (p.name.as_str(), p.kind, p.role, p.stance)).collect()
}

fn statuses(agreement: &Agreement) -> Vec<(ProposalStatus, String)> {
    agreement.statuses.iter().map(|s| (s.status, s.on.iso())).collect()
}

fn provision<'a>(agreement: &'a Agreement, column: &str) -> Option<&'a Provision> {
    agreement.provisions.iter().find(|p| p.column == column)
}

#[test]
fn the_full_pax_release_gives_minsk_ii_with_its_provisions_and_its_ucdp_record() {
    let pax = read(DatasetKind::Pax, "pax-full.csv");
    let minsk = agreement(&pax, DatasetKind::Pax, "1364");
    assert_eq!(minsk.origin.to_string(), "PA-X 1364");
    assert_eq!(minsk.title, "Package of Measures for the Implementation of the Minsk Agreements (Minsk II)");
    assert_eq!((minsk.date, minsk.date.precision()), (date("2015-02-12"), Precision::Day));
    assert_eq!(minsk.process, "Ukraine peace process");
    assert_eq!(minsk.scope, "Ukraine/Russia/(Donbas)");
    assert_eq!(minsk.kind, ProposalKind::General);
    assert_eq!(statuses(minsk), [(ProposalStatus::Agreed, "2015-02-12".into())]);
    assert_eq!(minsk.statuses[0].note, "PA-X status: Multiparty signed/agreed");
    assert_eq!(
        parties(minsk),
        [
            ("Ukraine", PartyKind::State, Role::Party, Stance::Supports),
            ("Russia", PartyKind::State, Role::Party, Stance::Supports),
            ("Donbas", PartyKind::Other, Role::Party, Stance::Supports),
        ]
    );
    assert_eq!(minsk.links, [Origin::new(DatasetKind::Ucdp, "1537")]);
    assert_eq!(minsk.signatories, "Signatories written for the tests:\nfirst signatory\nsecond signatory");
    assert_eq!(minsk.third_parties, "A witness, written for the tests");
    assert_eq!(minsk.page_url, None, "the full release links to no page");

    let categories = [
        ("SsrGua", ConditionCategory::SecurityGuarantees),
        ("ImPK", ConditionCategory::Peacekeeping),
        ("ImUN", ConditionCategory::Peacekeeping),
        ("TjPrire", ConditionCategory::Prisoners),
        ("ImE", ConditionCategory::Monitoring),
        ("DevHum", ConditionCategory::Humanitarian),
        ("ProtCiv", ConditionCategory::Humanitarian),
        ("GRef", ConditionCategory::Humanitarian),
        ("StSd", ConditionCategory::PoliticalStatus),
        ("StInd", ConditionCategory::PoliticalStatus),
        ("StUni", ConditionCategory::PoliticalStatus),
        ("StRef", ConditionCategory::PoliticalStatus),
        ("TpsAut", ConditionCategory::PoliticalStatus),
        ("StBor", ConditionCategory::Territory),
        ("Ce", ConditionCategory::MilitaryLimits),
        ("SsrDdr", ConditionCategory::MilitaryLimits),
        ("SsrFf", ConditionCategory::MilitaryLimits),
        ("TjSan", ConditionCategory::Sanctions),
        ("Terr", ConditionCategory::Other),
    ];
    for (column, category) in categories {
        let found = provision(minsk, column).unwrap_or_else(|| panic!("no provision from {column}"));
        assert_eq!(found.category, category, "{column}");
    }
    assert_eq!(minsk.provisions.len(), categories.len());
    assert_eq!(provision(minsk, "Ce").unwrap().text, "Ceasefire (Ce 2 of 3)");
    assert_eq!(provision(minsk, "SsrDdr").unwrap().level, 3);
    // Terr is terrorism: the only territorial provision is the border.
    assert_eq!(provision(minsk, "Terr").unwrap().text, "Terrorism (Terr)");
    let territorial: Vec<_> = minsk
        .provisions
        .iter()
        .filter(|p| p.category == ConditionCategory::Territory)
        .map(|p| p.column)
        .collect();
    assert_eq!(territorial, ["StBor"]);
}

#[test]
fn each_pax_status_gives_its_status_and_the_parties_stances() {
    let pax = read(DatasetKind::Pax, "pax-full.csv");
    let unilateral = agreement(&pax, DatasetKind::Pax, "2001");
    assert_eq!(unilateral.kind, ProposalKind::Definitive, "a comprehensive framework");
    assert_eq!(statuses(unilateral), [(ProposalStatus::Agreed, "2005-01-09".into())]);
    assert!(unilateral.parties.iter().all(|p| p.stance == Stance::NoPosition));
    assert!(unilateral.links.is_empty(), "UcdpAgr NA links nothing");

    let floated = agreement(&pax, DatasetKind::Pax, "2002");
    assert_eq!(floated.statuses[0].status, ProposalStatus::Floated);
    assert_eq!(floated.title, "Proposal with a later life, written for the tests", "no zero-width space");
    assert_eq!(floated.links, [Origin::new(DatasetKind::Ucdp, "1600")], "1600.0 is 1600");

    let unclear = agreement(&pax, DatasetKind::Pax, "2003");
    assert_eq!(unclear.statuses[0].status, ProposalStatus::Unclear);
    assert_eq!(
        parties(unclear),
        [
            ("Philippines", PartyKind::State, Role::Party, Stance::NoPosition),
            ("Rebel Front (RF/RA)", PartyKind::Other, Role::Party, Stance::NoPosition),
        ]
    );
    assert!(unclear.links.is_empty(), "UcdpAgr N/A links nothing");
}

#[test]
fn pax_rows_that_make_no_agreement_are_skipped_and_named() {
    let pax = read(DatasetKind::Pax, "pax-full.csv");
    assert_eq!(pax.agreements.len(), 4);
    let skipped: Vec<(usize, &str)> = pax.skipped.iter().map(|s| (s.row, s.reason.as_str())).collect();
    assert_eq!(
        skipped,
        [
            (6, "PA-X 2004 has no date in Dat"),
            (7, "PA-X 2005: column Dat: \"2006-02-30\" is not a date (there is no such day; the file's dates are yyyy-mm-dd)"),
            (8, "AgtId 1364 is on row 2 already; the first is kept"),
        ]
    );
    let notes: Vec<String> =
        pax.notes.iter().map(|n| format!("{} {}: {}", n.row, n.origin, n.message)).collect();
    assert_eq!(
        notes,
        ["5 PA-X 2003: column Ce: \"x\" is not a provision's level, 0 to 3; the provision is left out"]
    );
}

#[test]
fn the_light_pax_release_reads_its_day_first_dates_and_links() {
    let bytes = std::fs::read(corpus("pax-light.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "the light release starts with a byte-order mark");
    let pax = read(DatasetKind::Pax, "pax-light.csv");
    assert!(pax.skipped.is_empty() && pax.notes.is_empty());
    let minsk = agreement(&pax, DatasetKind::Pax, "1364");
    assert_eq!(minsk.date, date("2015-02-12"));
    assert_eq!(minsk.links, [Origin::new(DatasetKind::Ucdp, "1537")], "1537.0 is 1537");
    assert_eq!(minsk.page_url.as_deref(), Some("https://www.peaceagreements.org/agreements/1364/"));
    assert_eq!(minsk.text_url.as_deref(), Some("https://www.peaceagreements.org/media/documents/1364.pdf"));
    assert_eq!(minsk.summary, "A summary written for the tests,\nover two lines.");
    assert!(minsk.provisions.is_empty(), "the light release has no provision columns");
    let karabakh = agreement(&pax, DatasetKind::Pax, "1500");
    assert_eq!(karabakh.date, date("1994-05-05"));
    assert_eq!(karabakh.parties[2].name, "Nagorno-Karabakh");
    assert_eq!(karabakh.parties[2].kind, PartyKind::Other);
}

#[test]
fn a_date_column_that_mixes_forms_is_refused_with_the_rows_of_each() {
    let light = text("pax-light.csv");
    let error = read_text(DatasetKind::Pax, &light.replace("05/05/1994", "1994-05-05")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "edited.csv, column Dat: dates are written in two forms, yyyy-mm-dd (row 3) and dd/mm/yyyy (rows 2, 4); \
         write them all in one form and import the file again"
    );
    let error =
        read_text(DatasetKind::Pax, &light.replace("05/05/1994", "05/25/1994")).unwrap_err().to_string();
    assert!(error.contains("dd/mm/yyyy (row 4) and mm/dd/yyyy (row 3)"), "{error}");
}

#[test]
fn a_date_column_whose_form_cannot_be_told_is_refused_not_guessed() {
    let light = text("pax-light.csv").replace("14/05/1994", "04/05/1994");
    let error = read_text(DatasetKind::Pax, &light).unwrap_err();
    assert!(matches!(error, DatasetError::UndecidedDateForm { .. }), "{error}");
    let message = error.to_string();
    assert!(message.contains("column Dat") && message.contains("rows 2, 3, 4"), "{message}");
}

#[test]
fn ucdp_agreements_take_their_actors_third_parties_and_end() {
    let ucdp = read(DatasetKind::Ucdp, "ucdp.csv");
    let minsk = agreement(&ucdp, DatasetKind::Ucdp, "1537");
    assert_eq!(minsk.origin.to_string(), "UCDP 1537");
    assert_eq!(minsk.date, date("2015-02-12"));
    assert_eq!(minsk.process, "Ukraine: Novorossiya");
    assert_eq!(minsk.kind, ProposalKind::General, "pa_type 2, a partial peace agreement");
    assert_eq!(
        parties(minsk),
        [
            ("OSCE", PartyKind::Organization, Role::ThirdParty, Stance::Supports),
            ("Russia", PartyKind::State, Role::ThirdParty, Stance::Supports),
            ("Ukraine", PartyKind::State, Role::Party, Stance::Supports),
            ("United Armed Forces of Novorossiya", PartyKind::ArmedGroup, Role::Party, Stance::Supports),
        ]
    );
    assert_eq!(minsk.parties[2].name_in_file, "Government of Ukraine");
    assert_eq!(minsk.proposed_by().name, "Ukraine");
    assert_eq!(
        statuses(minsk),
        [(ProposalStatus::Agreed, "2015-02-12".into()), (ProposalStatus::InEffect, "2015-02-12".into())]
    );
    let columns: Vec<_> = minsk.provisions.iter().map(|p| (p.column, p.category)).collect();
    assert_eq!(
        columns,
        [
            ("cease", ConditionCategory::MilitaryLimits),
            ("withd", ConditionCategory::MilitaryLimits),
            ("pris", ConditionCategory::Prisoners),
            ("terr_prov", ConditionCategory::Territory),
            ("amn", ConditionCategory::Other),
        ]
    );
    assert_eq!(minsk.summary, "A comment written for the tests.");
    assert_eq!(minsk.signatories, "Signatories written for the tests");
    assert_eq!(minsk.third_parties, "OSCE, Russia\n\nThird parties, in words written for the tests.");
    assert_eq!(minsk.text_url.as_deref(), Some("https://ucdp.uu.se/fulltext/written-for-the-tests.pdf"));

    let ended = agreement(&ucdp, DatasetKind::Ucdp, "1100");
    assert_eq!(ended.kind, ProposalKind::Definitive, "pa_type 1, a full peace agreement");
    assert_eq!(ended.statuses.last().unwrap().status, ProposalStatus::Collapsed);
    assert_eq!(ended.statuses.last().unwrap().on, date("2001-09-28"));
    assert_eq!(ended.statuses.last().unwrap().note, "UCDP: ended. It ended, in words written for the tests.");
    let names: Vec<_> = ended.parties.iter().map(|p| (p.name.as_str(), p.role)).collect();
    assert_eq!(
        names,
        [
            ("European Union", Role::ThirdParty),
            ("United States of America", Role::ThirdParty),
            ("Macedonia", Role::Party),
            ("UCK", Role::Party),
        ],
        "\"Government of Macedonia, FYR\" is one name, as actor_id and dyad_name say"
    );
    let columns: Vec<_> = ended.provisions.iter().map(|p| (p.column, p.category)).collect();
    assert_eq!(
        columns,
        [
            ("ddr", ConditionCategory::MilitaryLimits),
            ("pko", ConditionCategory::Peacekeeping),
            ("aut", ConditionCategory::PoliticalStatus),
            ("fed", ConditionCategory::PoliticalStatus),
            ("ind", ConditionCategory::PoliticalStatus),
            ("ref", ConditionCategory::PoliticalStatus),
            ("return", ConditionCategory::Humanitarian),
            ("co_impl", ConditionCategory::Monitoring),
        ],
        "the headers `ref ` and `return ` are read whatever their spaces"
    );
}

#[test]
fn an_ucdp_end_that_cannot_be_dated_is_left_out_and_said() {
    let ucdp = read(DatasetKind::Ucdp, "ucdp.csv");
    let no_end = agreement(&ucdp, DatasetKind::Ucdp, "1101");
    assert_eq!(no_end.statuses.len(), 2, "signed and in effect, no end");
    assert_eq!(no_end.kind, ProposalKind::General);
    assert_eq!(no_end.parties[0].name, "Archbishop of a city and the government of another country");
    let notes: Vec<String> =
        ucdp.notes.iter().map(|n| format!("{} {}: {}", n.row, n.origin, n.message)).collect();
    assert_eq!(
        notes,
        [
            "4 UCDP 1101: it ended (ended), but duration gives no end date; the end is left out",
            "5 UCDP 1102: it ended on 1 January 2000 (duration), before it was signed; the end is left out",
            "5 UCDP 1102: column cease: \"2\" is not a flag, 0 or 1; the provision is left out",
        ]
    );
}

#[test]
fn ucdp_as_a_spreadsheet_saves_it_reads_the_same() {
    let ucdp = read(DatasetKind::Ucdp, "ucdp-19.csv");
    let minsk = agreement(&ucdp, DatasetKind::Ucdp, "1537");
    assert_eq!(minsk.date, date("2015-02-12"), "2/12/2015 is month first, as 3/17/1993 shows");
    assert_eq!(minsk.statuses.len(), 2, "FALSE is not ended");
    assert_eq!(provision(minsk, "terr_prov").unwrap().category, ConditionCategory::Territory);
    let ended = agreement(&ucdp, DatasetKind::Ucdp, "1128");
    assert_eq!(ended.date, date("1993-03-17"));
    assert_eq!(statuses(ended).last().unwrap(), &(ProposalStatus::Collapsed, "1993-05-12".into()));
}

#[test]
fn month_first_dates_that_nothing_gives_away_are_refused() {
    let ucdp = text("ucdp-19.csv").replace("3/17/1993", "3/7/1993");
    let error = read_text(DatasetKind::Ucdp, &ucdp).unwrap_err().to_string();
    assert_eq!(
        error,
        "edited.csv, column pa_date, duration: no date tells whether the dates are dd/mm/yyyy or mm/dd/yyyy \
         (in rows 2, 3 both numbers are 12 or less); write them as yyyy-mm-dd and import the file again"
    );
}

#[test]
fn ethprio_rows_of_one_ceasefire_make_one_proposal_each_actor_once() {
    let eth = read(DatasetKind::EthPrio, "ethprio.csv");
    let donbas = agreement(&eth, DatasetKind::EthPrio, "369006");
    assert_eq!(donbas.origin.to_string(), "ETH/PRIO 369006");
    assert_eq!(donbas.row, 2);
    assert_eq!(
        donbas.title,
        "Ceasefire declared by Donetsk People's Republic, Ukraine and Luhansk People's Republic (Ukraine, 5 September 2014)"
    );
    assert_eq!(
        parties(donbas),
        [
            ("Donetsk People's Republic", PartyKind::ArmedGroup, Role::Party, Stance::Supports),
            ("Ukraine", PartyKind::State, Role::Party, Stance::Supports),
            ("Luhansk People's Republic", PartyKind::ArmedGroup, Role::Party, Stance::Supports),
            ("OSCE", PartyKind::Organization, Role::Mediator, Stance::Supports),
            ("Russia", PartyKind::State, Role::Mediator, Stance::Supports),
        ],
        "Ukraine's two rows are one party"
    );
    assert_eq!(donbas.parties[1].on, date("2014-09-05"), "the earlier of its two declarations");
    assert_eq!(
        statuses(donbas),
        [
            (ProposalStatus::Agreed, "2014-09-05".into()),
            (ProposalStatus::InEffect, "2014-09-05".into()),
            (ProposalStatus::Collapsed, "2014-09-20".into()),
        ]
    );
    assert_eq!(donbas.links, [Origin::new(DatasetKind::Pax, "1364")]);
    assert_eq!(donbas.process, "Ukraine");
    assert_eq!(donbas.summary, "Written for the tests.");
    assert_eq!(donbas.third_parties, "Mediators: OSCE, Russia");
}

#[test]
fn ethprio_unknown_parts_give_month_and_year_precision() {
    let eth = read(DatasetKind::EthPrio, "ethprio.csv");
    let truce = agreement(&eth, DatasetKind::EthPrio, "790001");
    assert_eq!((truce.date.iso(), truce.date.precision()), ("2005-09".into(), Precision::Month));
    assert_eq!(
        parties(truce),
        [("CPN-M", PartyKind::ArmedGroup, Role::Party, Stance::Proposer)],
        "declared alone"
    );
    assert_eq!(truce.proposed_by().name, "CPN-M");
    assert_eq!(truce.duration_days, Some(90));
    assert_eq!(
        statuses(truce),
        [(ProposalStatus::Agreed, "2005-09".into()), (ProposalStatus::Expired, "2005-12".into())],
        "no effective date; ended 1, it ran out"
    );

    let partial = agreement(&eth, DatasetKind::EthPrio, "790002");
    assert_eq!((partial.date.iso(), partial.date.precision()), ("2003".into(), Precision::Year));
    assert_eq!(partial.kind, ProposalKind::Partial);
    assert_eq!(partial.duration_days, None, "fixed_time is words");
    assert_eq!(
        statuses(partial),
        [(ProposalStatus::Agreed, "2003".into()), (ProposalStatus::Superseded, "2003".into())]
    );
}

#[test]
fn ethprio_dates_that_are_not_cost_only_themselves() {
    let eth = read(DatasetKind::EthPrio, "ethprio.csv");
    let lesotho = agreement(&eth, DatasetKind::EthPrio, "570002");
    assert_eq!(lesotho.kind, ProposalKind::HumanitarianPause);
    assert_eq!(statuses(lesotho), [(ProposalStatus::Agreed, "1994-01-31".into())], "31 February is left out");

    let never = agreement(&eth, DatasetKind::EthPrio, "490063");
    assert_eq!(never.kind, ProposalKind::Definitive);
    assert_eq!(
        statuses(never),
        [(ProposalStatus::Agreed, "2008-01-23".into())],
        "0 for the effective date: never"
    );
    let mediators: Vec<_> =
        never.parties.iter().filter(|p| p.role == Role::Mediator).map(|p| p.name.as_str()).collect();
    assert_eq!(mediators, ["United Nations"], "the rest of the cell is prose");

    let notes: Vec<String> =
        eth.notes.iter().map(|n| format!("{} {}: {}", n.row, n.origin, n.message)).collect();
    assert_eq!(
        notes,
        [
            "9 ETH/PRIO 570002: column cf_effect_day: \"31\" is not a date (February 1994 has no day 31); \
             the effective date is left out",
            "7 ETH/PRIO 790002: fixed_time gives no number of days: Duration of peace talks",
            "10 ETH/PRIO 490063: mediator_send (row 10) is prose, kept as text: committee of elders at a conference \
             on peace, security and development, UN",
        ]
    );
    let skipped: Vec<(usize, &str)> = eth.skipped.iter().map(|s| (s.row, s.reason.as_str())).collect();
    assert_eq!(
        skipped,
        [
            (12, "ETH/PRIO 490064 has no actor_name"),
            (8, "ETH/PRIO 790003 (row 8) has neither a declared nor an effective year")
        ]
    );
    assert_eq!(eth.agreements.len(), 5);
}

#[test]
fn a_file_of_another_dataset_is_told_by_its_header() {
    let cases = [
        (DatasetKind::Pax, "ucdp.csv", "is a UCDP file, not PA-X: import it as ucdp"),
        (DatasetKind::Ucdp, "ethprio.csv", "is a ETH/PRIO file, not UCDP: import it as ethprio"),
        (DatasetKind::EthPrio, "pax-light.csv", "is a PA-X file, not ETH/PRIO: import it as pax"),
    ];
    for (kind, name, message) in cases {
        let error = dataset::read(kind, &corpus(name), &Aliases::shipped()).unwrap_err();
        assert!(matches!(error, DatasetError::WrongKind { .. }), "{error}");
        assert!(error.to_string().ends_with(message), "{error}");
        assert!(error.to_string().contains(name), "{error}");
    }
    assert_eq!(dataset::detect(text("ucdp-19.csv").as_bytes()), Some(DatasetKind::Ucdp));
    let error = read_text(DatasetKind::Pax, "name,date\nJeddah,2025-03-11\n").unwrap_err();
    assert_eq!(error.to_string(), "edited.csv is not a PA-X file: its header has none of AgtId, Agt, Dat");
}

#[test]
fn a_missing_column_an_empty_file_and_a_broken_row_are_named() {
    let full = text("pax-full.csv");
    let error = read_text(DatasetKind::Pax, &full.replacen("Con,", "Country,", 1)).unwrap_err();
    assert_eq!(error.to_string(), "edited.csv has no column Con, which every PA-X file has");
    assert_eq!(error.code(), "missing_column");

    let error = read_text(DatasetKind::Ucdp, "").unwrap_err();
    assert_eq!(error.to_string(), "edited.csv is empty");
    let header = text("ethprio.csv").lines().next().unwrap().to_string();
    let error = read_text(DatasetKind::EthPrio, &format!("{header}\n")).unwrap_err();
    assert_eq!(error.to_string(), "edited.csv has a header but no rows");

    let mut broken = text("ucdp.csv");
    broken.push_str("1999,\"an open quote\n");
    let error = read_text(DatasetKind::Ucdp, &broken).unwrap_err();
    assert!(matches!(error, DatasetError::Malformed { row: 6, .. }), "{error}");
}

#[test]
fn the_users_aliases_name_the_datasets_parties_as_they_do() {
    let mut aliases = Aliases::shipped();
    aliases.add("Donbas", "Donetsk People's Republic", Some(PartyKind::ArmedGroup)).unwrap();
    let pax = dataset::read(DatasetKind::Pax, &corpus("pax-full.csv"), &aliases).unwrap();
    let minsk = agreement(&pax, DatasetKind::Pax, "1364");
    assert_eq!(minsk.parties[2].name, "Donetsk People's Republic");
    assert_eq!(minsk.parties[2].kind, PartyKind::ArmedGroup);
    assert_eq!(minsk.parties[2].name_in_file, "Donbas");
}

#[test]
fn a_release_as_large_as_the_full_pax_reads_in_well_under_two_seconds() {
    // The full release holds 2,144 agreements of about 280 columns; rows written for the
    // tests are copied to that size under new ids.
    let full = text("pax-full.csv");
    let header = full.lines().next().unwrap();
    let body = &full[header.len() + 1..];
    let minsk_row = &body[..body.find("\nSudan/").unwrap()];
    let mut big = format!("{header}\n");
    for n in 0..2144 {
        big.push_str(&minsk_row.replacen(",1364,", &format!(",{},", 10_000 + n), 1));
        big.push('\n');
    }
    let started = Instant::now();
    let pax = read_text(DatasetKind::Pax, &big).unwrap();
    let took = started.elapsed();
    assert_eq!(pax.agreements.len(), 2144, "{:?}", pax.skipped.first());
    assert!(took.as_secs_f64() < 2.0, "{took:?}");
}
