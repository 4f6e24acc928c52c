//! A long archive in the window: 3,000 generated proposals, of which the window holds only
//! the rows in view and a margin. Scrolled to the middle, searched, sorted and walked with
//! the keys, the list shows at each place what the core lists there.

use ceasefire_tracker::gen::{self, Shape};
use ceasefire_tracker::model::{ListOrder, ListRequest, NewParty, NewSource, PartyKind, Viewpoint};
use ceasefire_tracker::Store;
use ceasefire_tracker_e2e::{App, Home};
use serde_json::json;

/// The proposals generated; `CFTRACK_E2E_PROPOSALS` asks for another number (10,000 to look
/// at the window with a team's archive).
fn proposals() -> usize {
    std::env::var("CFTRACK_E2E_PROPOSALS").ok().and_then(|n| n.parse().ok()).unwrap_or(3_000)
}
/// The height of a row of the proposals list, in CSS pixels (`ProposalList.svelte`).
const ROW_HEIGHT: f64 = 76.0;

const CYRILLIC_PARTY: &str =
    "Объединённое командование вооружённых формирований Донецкой и Луганской областей";
const ARABIC_SOURCE: &str = "بيان مشترك بشأن وقف إطلاق النار الإنساني في المناطق الحدودية وتبادل الأسرى";

fn archive() -> Home {
    let home = Home::new();
    let mut store = home.store();
    let shape = Shape { proposals: proposals(), parties: 60, events_per_proposal: 4, seed: 19 };
    gen::fill(&mut store, shape).expect("the archive is generated");
    // Names the pages must show whole or cut cleanly, in their own direction.
    let party = NewParty {
        name: CYRILLIC_PARTY.to_string(),
        kind: PartyKind::ArmedGroup,
        member_of: None,
        note: "Длинное имя, которое не помещается в строку списка".to_string(),
    };
    store.add_party(&party).expect("the party");
    let source = NewSource {
        title: ARABIC_SOURCE.to_string(),
        outlet: "الجزيرة".to_string(),
        url: None,
        published_on: None,
    };
    store.add_source(&source).expect("the source");
    home
}

/// What the core lists from `offset`: ids and titles.
fn listed(store: &Store, text: &str, order: ListOrder, offset: u32, limit: u32) -> (u32, Vec<(i64, String)>) {
    let request = ListRequest {
        viewpoint: Viewpoint::today(),
        statuses: None,
        text: text.to_string(),
        order,
        offset,
        limit,
    };
    let page = store.list_page(&request).expect("the list");
    (page.total, page.rows.into_iter().map(|row| (row.0, row.1)).collect())
}

/// The proposals rows in the document, top to bottom: ids and titles.
async fn rows_shown(app: &App) -> Vec<(i64, String)> {
    let rows = app
        .client()
        .execute(
            "return Array.from(document.querySelectorAll('[data-testid=proposal-row]'))
               .map((row) => [Number(row.dataset.id), row.querySelector('.title').textContent]);",
            vec![],
        )
        .await
        .expect("the rows");
    serde_json::from_value(rows).expect("ids and titles")
}

/// Waits until the first row in the document is `id`, and gives the rows.
async fn wait_for_first_row(app: &App, id: i64) -> Vec<(i64, String)> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let rows = rows_shown(app).await;
        if rows.first().map(|row| row.0) == Some(id) {
            return rows;
        }
        assert!(std::time::Instant::now() < deadline, "the first row never became {id}; rows: {rows:?}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Scrolls the list so that row `index` is at the top of its view.
async fn scroll_to(app: &App, index: u32) {
    app.client()
        .execute(
            "const list = document.querySelector('[data-testid=proposal-list]');
             list.scrollTop = arguments[0];
             list.dispatchEvent(new Event('scroll'));",
            vec![json!(f64::from(index) * ROW_HEIGHT)],
        )
        .await
        .expect("the list scrolls");
}

/// A key pressed in the list, which has the focus (WebKit's driver types only into fields).
async fn key(app: &App, name: &str) {
    app.client()
        .execute(
            "const list = document.querySelector('[data-testid=proposal-list]');
             list.focus();
             list.dispatchEvent(new KeyboardEvent('keydown', { key: arguments[0], bubbles: true }));",
            vec![json!(name)],
        )
        .await
        .expect("the key is pressed");
}

/// Waits until proposal `id`'s row is in the document, selected.
async fn wait_for_selected(app: &App, id: i64) {
    let css = format!("[data-testid=\"proposal-row\"][data-id=\"{id}\"][aria-selected=\"true\"]");
    app.client()
        .wait()
        .at_most(std::time::Duration::from_secs(30))
        .for_element(fantoccini::Locator::Css(&css))
        .await
        .unwrap_or_else(|error| panic!("proposal {id} was never shown selected: {error}"));
}

#[tokio::test]
async fn a_list_of_thousands_is_scrolled_searched_sorted_and_walked_with_the_keys() {
    let home = archive();
    let store = home.store();
    let app = App::open(&home).await;
    app.wait_for("proposal-list").await;
    let proposals = proposals();

    // The top of the list, newest change first, and the count of every proposal.
    let (total, top) = listed(&store, "", ListOrder::LastChange, 0, 5);
    assert_eq!(total as usize, proposals);
    let first = wait_for_first_row(&app, top[0].0).await;
    assert_eq!(first[..5], top[..], "the top rows are the core's");
    let said = app
        .client()
        .execute("return document.querySelector('.list-pane .count').textContent.trim();", vec![])
        .await
        .expect("the count");
    assert_eq!(said, json!(format!("{proposals} proposals")));
    assert!(first.len() < 100, "only the rows in view and a margin are in the document, not {}", first.len());

    // Scrolled to the middle: the rows there are the core's rows there.
    let middle = proposals as u32 / 2;
    scroll_to(&app, middle).await;
    let (_, there) = listed(&store, "", ListOrder::LastChange, middle, 3);
    let rows = wait_for_first_row_at(&app, &there).await;
    assert!(rows.len() < 100, "scrolling keeps the document small: {} rows", rows.len());

    // A search narrows the list in the core, and the count says of how many.
    let word =
        there[0].1.split_whitespace().max_by_key(|word| word.len()).expect("a word of a title").to_string();
    app.type_into("search", &word).await;
    let (found, matching) = listed(&store, &word, ListOrder::LastChange, 0, 3);
    assert!(found >= 1 && (found as usize) < proposals, "{word:?} matches {found}");
    let rows = wait_for_first_row(&app, matching[0].0).await;
    assert_eq!(rows.len().min(3), matching.len().min(3));
    let said = app
        .client()
        .execute("return document.querySelector('.list-pane .count').textContent.trim();", vec![])
        .await
        .expect("the count");
    assert_eq!(said, json!(format!("{found} of {proposals} proposals")));

    // Sorted by title, the search cleared: the core's order, from the top.
    // (A space: the driver types no empty text, and the list trims the search.)
    app.type_into("search", " ").await;
    app.select("sort", "Title").await;
    let (_, by_title) = listed(&store, "", ListOrder::Title, 0, 3);
    let rows = wait_for_first_row(&app, by_title[0].0).await;
    assert_eq!(rows[..3], by_title[..]);

    // The keys: End goes to the last proposal, far past the rows held; Home comes back.
    app.click_id("proposal-row", by_title[1].0).await;
    wait_for_selected(&app, by_title[1].0).await;
    key(&app, "End").await;
    let (_, last) = listed(&store, "", ListOrder::Title, proposals as u32 - 1, 1);
    wait_for_selected(&app, last[0].0).await;
    app.wait_for_text("proposal-page", &last[0].1).await;
    key(&app, "ArrowUp").await;
    let (_, before_last) = listed(&store, "", ListOrder::Title, proposals as u32 - 2, 1);
    wait_for_selected(&app, before_last[0].0).await;
    key(&app, "Home").await;
    wait_for_selected(&app, by_title[0].0).await;

    if let Some(folder) = std::env::var_os("CFTRACK_E2E_SHOTS") {
        scroll_to(&app, middle).await;
        wait_for_first_row_at(&app, &listed(&store, "", ListOrder::Title, middle, 1).1).await;
        let folder = std::path::PathBuf::from(folder);
        std::fs::create_dir_all(&folder).expect("the folder for screenshots");
        for width in [900, 1400] {
            app.client().set_window_size(width, 900).await.expect("the window's size");
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            app.screenshot(&folder.join(format!("paging-middle-{width}.png"))).await;
        }
    }

    // The Sources and Parties pages are paged the same way, and find by name.
    for (page, search, name) in
        [("sources", "source-search", ARABIC_SOURCE), ("parties", "party-search", CYRILLIC_PARTY)]
    {
        app.click(&format!("nav-{page}")).await;
        let (list, row) =
            if page == "sources" { ("source-list", "source-row") } else { ("party-list", "party-row") };
        app.wait_for(list).await;
        assert!(app.all(row).await.len() < 100, "the {page} page holds only the rows in view");
        let word = name.split_whitespace().nth(3).expect("a word of the name");
        app.type_into(search, word).await;
        app.wait_for_text(list, name).await;
        if let Some(folder) = std::env::var_os("CFTRACK_E2E_SHOTS") {
            let folder = std::path::PathBuf::from(folder);
            for width in [900, 1400] {
                app.client().set_window_size(width, 900).await.expect("the window's size");
                tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                app.screenshot(&folder.join(format!("paging-{page}-found-{width}.png"))).await;
            }
        }
        app.type_into(search, " ").await;
    }
    if let Some(folder) = std::env::var_os("CFTRACK_E2E_SHOTS") {
        let folder = std::path::PathBuf::from(folder);
        // The Sources and Parties pages scrolled to their middle.
        for page in ["sources", "parties"] {
            app.click(&format!("nav-{page}")).await;
            let list = if page == "sources" { "source-list" } else { "party-list" };
            app.wait_for(list).await;
            app.client()
                .execute(
                    "const list = document.querySelector(`[data-testid=${arguments[0]}]`);
                     list.scrollTop = list.scrollHeight / 2;",
                    vec![json!(list)],
                )
                .await
                .expect("the page scrolls");
            for width in [900, 1400] {
                app.client().set_window_size(width, 900).await.expect("the window's size");
                tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                app.screenshot(&folder.join(format!("paging-{page}-{width}.png"))).await;
            }
        }
    }

    // The proposal a new one replaces is found by title among the thousands, 50 at a time.
    app.click("nav-proposals").await;
    app.click("new-proposal").await;
    let options = |app: &App| {
        let client = app.client().clone();
        async move {
            let found = client
                .execute(
                    "return Array.from(document.querySelectorAll('[data-testid=field-supersedes] option'))
                       .map((option) => option.textContent);",
                    vec![],
                )
                .await
                .expect("the options");
            serde_json::from_value::<Vec<String>>(found).expect("their titles")
        }
    };
    app.wait_for("field-supersedes-more").await;
    assert_eq!(options(&app).await.len(), 51, "None and the first 50 by title");
    let (_, wanted) = listed(&store, "", ListOrder::Title, middle, 1);
    app.type_into("field-supersedes-search", &wanted[0].1).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !options(&app).await.contains(&wanted[0].1) {
        assert!(std::time::Instant::now() < deadline, "{:?} was never offered", wanted[0].1);
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    if let Some(folder) = std::env::var_os("CFTRACK_E2E_SHOTS") {
        let folder = std::path::PathBuf::from(folder);
        for width in [900, 1400] {
            app.client().set_window_size(width, 900).await.expect("the window's size");
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            app.screenshot(&folder.join(format!("paging-replaces-{width}.png"))).await;
        }
    }
    app.close().await;
}

/// Waits until the rows from `expected`'s first are in the document, in the core's order.
async fn wait_for_first_row_at(app: &App, expected: &[(i64, String)]) -> Vec<(i64, String)> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let rows = rows_shown(app).await;
        if let Some(at) = rows.iter().position(|row| row.0 == expected[0].0) {
            if rows[at..].iter().take(expected.len()).eq(expected.iter()) {
                return rows;
            }
        }
        assert!(std::time::Instant::now() < deadline, "rows {expected:?} never came; rows: {rows:?}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}
