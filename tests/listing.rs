//! The lists a part at a time: every page of the proposals list, as of today, a past date or
//! as known on a past time, filtered by status and by words, is the part of the whole list
//! the window showed when it held every line, worked out here the slow way.

use chrono::{NaiveDate, Utc};

use ceasefire_tracker::gen::{self, Shape};
use ceasefire_tracker::model::*;
use ceasefire_tracker::Store;

fn archive() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    gen::fill(&mut store, Shape { proposals: 300, parties: 40, events_per_proposal: 12, seed: 7 }).unwrap();
    // Titles in other scripts, and one with no event yet.
    let ukraine = store.find_party("Ukraine").map(|p| p.id).unwrap_or_else(|_| {
        store
            .add_party(&NewParty {
                name: "Ukraine".into(),
                kind: PartyKind::State,
                member_of: None,
                note: String::new(),
            })
            .unwrap()
    });
    for title in ["Минские соглашения: перемирие", "هدنة غزة الإنسانية", "A late proposal, nothing since"]
    {
        store
            .add_proposal(&NewProposal {
                title: title.into(),
                summary: String::new(),
                full_text: None,
                proposed_by: ukraine,
                proposer_role: Role::Party,
                proposed_on: "2024-05-02".parse().unwrap(),
                kind: ProposalKind::General,
                scope: String::new(),
                duration_days: None,
                process: "Written for the list".into(),
                supersedes: None,
                co_proposers: vec![],
                phase_of: None,
                phase: None,
                sources: vec![],
            })
            .unwrap();
    }
    store
}

/// The list as the window used to work it out from every line.
fn expected(store: &Store, request: &ListRequest) -> Vec<i64> {
    let words: Vec<String> = request.text.to_lowercase().split_whitespace().map(str::to_string).collect();
    let mut lines: Vec<ProposalSummary> = store
        .summaries(request.viewpoint)
        .unwrap()
        .into_iter()
        .filter(|line| {
            request.statuses.as_ref().is_none_or(|wanted| line.status.is_some_and(|s| wanted.contains(&s)))
        })
        .filter(|line| {
            let haystack = format!("{} {} {}", line.title, line.proposed_by, line.process).to_lowercase();
            let status = line.status.map(|s| s.label().to_lowercase()).unwrap_or_default();
            words.iter().all(|word| {
                haystack.contains(word.as_str()) || (!status.is_empty() && status.contains(word.as_str()))
            })
        })
        .collect();
    let title = |line: &ProposalSummary| (line.title.to_lowercase(), line.id);
    match request.order {
        ListOrder::Title => lines.sort_by_key(title),
        ListOrder::LastChange => lines.sort_by(|a, b| {
            let day = |line: &ProposalSummary| line.last_change.map(|d| d.first_day());
            (day(a).is_none(), std::cmp::Reverse(day(a)), title(a)).cmp(&(
                day(b).is_none(),
                std::cmp::Reverse(day(b)),
                title(b),
            ))
        }),
    }
    lines.into_iter().map(|line| line.id).collect()
}

/// The whole list, read a page of `size` at a time.
fn paged(store: &Store, request: &ListRequest, size: u32) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut offset = 0;
    loop {
        let page = store.list_page(&ListRequest { offset, limit: size, ..request.clone() }).unwrap();
        assert_eq!(page.offset, offset);
        ids.extend(page.rows.iter().map(|row| row.0));
        if page.rows.len() < size as usize {
            assert_eq!(page.total as usize, ids.len(), "the total is every matching proposal");
            return ids;
        }
        offset += size;
    }
}

fn requests() -> Vec<ListRequest> {
    let today = Viewpoint::today();
    let past = Viewpoint::as_of(NaiveDate::from_ymd_opt(2012, 6, 30).unwrap());
    let known = Viewpoint { as_of: today.as_of, known_on: Some(Utc::now() - chrono::Duration::days(1)) };
    let mut requests = Vec::new();
    for viewpoint in [today, past, known] {
        for order in [ListOrder::LastChange, ListOrder::Title] {
            for statuses in [None, Some(vec![ProposalStatus::InEffect, ProposalStatus::Agreed]), Some(vec![])]
            {
                for text in ["", "минские", "ГАЗА", "هدنة", "in effect", "a"] {
                    requests.push(ListRequest {
                        viewpoint,
                        statuses: statuses.clone(),
                        text: text.into(),
                        order,
                        offset: 0,
                        limit: u32::MAX,
                    });
                }
            }
        }
    }
    requests
}

#[test]
fn every_page_is_the_part_of_the_whole_list_it_names() {
    let store = archive();
    for request in requests() {
        let whole = expected(&store, &request);
        assert_eq!(paged(&store, &request, 37), whole, "{request:?}");
    }
}

#[test]
fn words_in_any_script_and_case_find_their_proposals() {
    let store = archive();
    let found = |text: &str| {
        let page = store
            .list_page(&ListRequest { text: text.into(), ..ListRequest::all(Viewpoint::today()) })
            .unwrap();
        page.rows.into_iter().map(|row| row.1).collect::<Vec<_>>()
    };
    assert_eq!(found("МИНСКИЕ перемирие"), ["Минские соглашения: перемирие"]);
    assert_eq!(found("غزة"), ["هدنة غزة الإنسانية"]);
    assert_eq!(found("late nothing"), ["A late proposal, nothing since"]);
    assert!(found("no such words anywhere").is_empty());
}

#[test]
fn a_page_past_the_end_is_empty_and_still_counts() {
    let store = archive();
    let all = store.list_page(&ListRequest::all(Viewpoint::today())).unwrap();
    let past_end = store
        .list_page(&ListRequest { offset: all.total + 10, limit: 50, ..ListRequest::all(Viewpoint::today()) })
        .unwrap();
    assert!(past_end.rows.is_empty());
    assert_eq!(past_end.total, all.total);
    assert_eq!(all.total as usize, store.summaries(Viewpoint::today()).unwrap().len());
}

#[test]
fn a_proposal_s_position_is_where_its_page_shows_it() {
    let store = archive();
    for request in requests().into_iter().step_by(7) {
        let whole = expected(&store, &request);
        for (n, id) in whole.iter().enumerate().step_by(11) {
            assert_eq!(store.list_position(&request, *id).unwrap(), Some(n as u32), "{request:?}");
        }
        let left_out = store.proposals().unwrap().into_iter().map(|p| p.id).find(|id| !whole.contains(id));
        if let Some(id) = left_out {
            assert_eq!(store.list_position(&request, id).unwrap(), None);
        }
    }
}

#[test]
fn parties_and_sources_come_a_page_at_a_time_by_name() {
    let mut store = archive();
    let parties = store.parties().unwrap();
    let mut whole = Vec::new();
    let mut offset = 0;
    loop {
        let page = store.parties_page(&NameRequest { text: String::new(), offset, limit: 9 }).unwrap();
        assert_eq!(page.total as usize, parties.len());
        if page.rows.is_empty() {
            break;
        }
        whole.extend(page.rows);
        offset += 9;
    }
    let mut by_name = parties.clone();
    by_name.sort_by_key(|p| (p.name.to_lowercase(), p.id));
    assert_eq!(whole, by_name);

    for title in ["Заявление МИД России о перемирии", "Reuters: talks in Jeddah"]
    {
        store
            .add_source(&NewSource {
                title: title.into(),
                outlet: String::new(),
                url: None,
                published_on: None,
            })
            .unwrap();
    }
    let found =
        store.sources_page(&NameRequest { text: "мид перемирии".into(), offset: 0, limit: 10 }).unwrap();
    assert_eq!(found.total, 1);
    assert_eq!(found.rows[0].title, "Заявление МИД России о перемирии");
    let every = store.sources_page(&NameRequest { text: String::new(), offset: 0, limit: u32::MAX }).unwrap();
    assert_eq!(every.total as usize, store.sources().unwrap().len());
}
