//! The open-data API on the demo data, on SQLite and PostgreSQL: a signed-out client walks
//! every path of the OpenAPI document and gets what the document says (status, content
//! type, and a body that matches the documented schema), and nothing above TLP:CLEAR; a
//! personal token reads as its owner, by the same TLP rule, until it is revoked or expires.

mod common;

use app::api::api_tokens::ApiTokenList;
use app::domain::Timestamp;
use app::ssr::db::api_tokens::{NewApiToken, insert_api_token};
use app::ssr::tokens::hash_token;
use common::TestApp;
use reqwest::StatusCode;
use serde_json::Value;
use std::collections::BTreeSet;

/// GET with an optional bearer token: status, content type, JSON body.
async fn get_json(app: &TestApp, path: &str, token: Option<&str>) -> (StatusCode, String, Value) {
    let mut req = TestApp::client().get(app.url(path));
    if let Some(token) = token {
        req = req.header("authorization", format!("Bearer {token}"));
    }
    let res = req.send().await.expect("GET");
    let status = res.status();
    let content_type = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let text = res.text().await.expect("body");
    let body =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: not JSON ({e}): {text}"));
    (status, content_type, body)
}

/// Resolves a `$ref` into the document's components.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let name = reference.trim_start_matches("#/components/schemas/");
            resolve(doc, &doc["components"]["schemas"][name])
        }
        None => schema,
    }
}

/// Checks `value` against an OpenAPI 3.1 schema (the parts this API uses: `$ref`, `type`
/// as a name or a list with "null", `required`, `properties`, `items`, `oneOf`/`anyOf`);
/// the errors found, each with its JSON path.
fn check(doc: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    let schema = resolve(doc, schema);
    if let Some(options) = schema
        .get("oneOf")
        .or_else(|| schema.get("anyOf"))
        .and_then(Value::as_array)
    {
        let fits = options.iter().any(|option| {
            let mut errs = Vec::new();
            check(doc, option, value, at, &mut errs);
            errs.is_empty()
        });
        if !fits {
            errors.push(format!("{at}: fits none of the alternatives: {value}"));
        }
        return;
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if !types.is_empty() {
        let fits = types.iter().any(|t| match *t {
            "null" => value.is_null(),
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            _ => false,
        });
        if !fits {
            errors.push(format!("{at}: expected {types:?}, got {value}"));
            return;
        }
    }
    if let Some(object) = value.as_object() {
        for name in schema["required"].as_array().into_iter().flatten() {
            let name = name.as_str().unwrap_or_default();
            if !object.contains_key(name) {
                errors.push(format!("{at}: required property {name} is missing"));
            }
        }
        if let Some(properties) = schema["properties"].as_object() {
            for (name, sub) in properties {
                if let Some(v) = object.get(name) {
                    check(doc, sub, v, &format!("{at}.{name}"), errors);
                }
            }
            for name in object.keys() {
                if !properties.contains_key(name) {
                    errors.push(format!("{at}: property {name} is not documented"));
                }
            }
        }
    }
    if let (Some(items), Some(list)) = (schema.get("items"), value.as_array()) {
        for (i, v) in list.iter().enumerate() {
            check(doc, items, v, &format!("{at}[{i}]"), errors);
        }
    }
}

/// The TLP labels found anywhere in a body, with the record's path; a withheld contact
/// (`contact` null) does not count as returned.
fn labels(value: &Value, at: &str, found: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(tlp)) = map.get("tlp") {
                found.push((at.to_owned(), tlp.clone()));
            }
            if let (Some(Value::String(tlp)), Some(contact)) =
                (map.get("contact_tlp"), map.get("contact"))
                && !contact.is_null()
            {
                found.push((format!("{at}.contact"), tlp.clone()));
            }
            for (k, v) in map {
                labels(v, &format!("{at}.{k}"), found);
            }
        }
        Value::Array(list) => {
            for (i, v) in list.iter().enumerate() {
                labels(v, &format!("{at}[{i}]"), found);
            }
        }
        _ => {}
    }
}

/// The documented schema of a path's answer with `status`.
fn response_schema<'a>(doc: &'a Value, path: &str, status: &str) -> Option<&'a Value> {
    doc["paths"][path]["get"]["responses"][status]["content"]["application/json"].get("schema")
}

db_test!(
    every_documented_path_answers_as_documented_with_nothing_above_clear,
    true,
    |app| {
        let (status, content_type, doc) = get_json(app, "/api/v1/openapi.json", None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(content_type.starts_with("application/json"));
        assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));

        // Values for the path parameters, found by walking the lists as a client would.
        let (_, _, partnerships) = get_json(app, "/api/v1/partnerships?per_page=200", None).await;
        let slugs: Vec<String> = partnerships["data"]
            .as_array()
            .expect("partnerships")
            .iter()
            .map(|p| p["slug"].as_str().expect("slug").to_owned())
            .collect();
        assert!(
            slugs.len() >= 2,
            "the demo has two public partnerships: {slugs:?}"
        );

        let paths: Vec<String> = doc["paths"]
            .as_object()
            .expect("paths")
            .keys()
            .cloned()
            .collect();
        let mut exercised = BTreeSet::new();
        let mut total_records = 0;
        for slug in &slugs {
            let (_, _, versions) = get_json(
                app,
                &format!("/api/v1/partnerships/{slug}/plan-versions"),
                None,
            )
            .await;
            let number = versions["data"][0]["number"].as_i64();
            let (_, _, commitments) = get_json(
                app,
                &format!("/api/v1/partnerships/{slug}/commitments?per_page=200"),
                None,
            )
            .await;
            let id = commitments["data"][0]["id"].as_i64();
            for template in &paths {
                let mut path = template.replace("{slug}", slug);
                if path.contains("{number}") {
                    let Some(number) = number else { continue };
                    path = path.replace("{number}", &number.to_string());
                }
                if path.contains("{id}") {
                    let Some(id) = id else { continue };
                    path = path.replace("{id}", &id.to_string());
                }
                let (status, content_type, body) = get_json(app, &path, None).await;
                assert_eq!(status, StatusCode::OK, "{path}: {body}");
                assert!(
                    content_type.starts_with("application/json"),
                    "{path}: {content_type}"
                );
                if template.ends_with("openapi.json") {
                    exercised.insert(template.clone());
                    continue;
                }
                let schema = response_schema(&doc, template, "200")
                    .unwrap_or_else(|| panic!("{template}: no documented 200 schema"));
                let mut errors = Vec::new();
                check(&doc, schema, &body, "$", &mut errors);
                assert!(errors.is_empty(), "{path}: {errors:#?}");
                let mut found = Vec::new();
                labels(&body, "$", &mut found);
                let above: Vec<_> = found.iter().filter(|(_, tlp)| tlp != "clear").collect();
                assert!(
                    above.is_empty(),
                    "{path} returned records above TLP:CLEAR: {above:?}"
                );
                total_records += found.len();

                // Every list answers a page past its end with nothing, and refuses a bad page
                // size naming the parameter, as documented.
                if let Some(pagination) = body.get("pagination") {
                    let total = pagination["total"].as_u64().expect("total") as usize;
                    assert_eq!(
                        body["data"].as_array().map(Vec::len),
                        Some(total.min(50)),
                        "{path}"
                    );
                    let (status, _, bad) = get_json(app, &format!("{path}?per_page=0"), None).await;
                    assert_eq!(status, StatusCode::BAD_REQUEST, "{path}");
                    assert_eq!(bad["error"]["field"], "per_page");
                    let mut errors = Vec::new();
                    let error_schema =
                        response_schema(&doc, template, "400").expect("400 documented");
                    check(&doc, error_schema, &bad, "$", &mut errors);
                    assert!(errors.is_empty(), "{path} 400: {errors:#?}");
                    if total > 1 {
                        let (_, _, first) =
                            get_json(app, &format!("{path}?per_page=1"), None).await;
                        assert_eq!(first["data"].as_array().map(Vec::len), Some(1));
                        let next = first["pagination"]["next"].as_str().expect("a next page");
                        let (status, _, second) = get_json(app, next, None).await;
                        assert_eq!(status, StatusCode::OK);
                        assert_ne!(first["data"][0], second["data"][0], "{next}");
                    }
                }
                exercised.insert(template.clone());
            }
            // A partnership nobody may see, or that does not exist, is a documented 404.
            let missing = format!("/api/v1/partnerships/{slug}-gone/commitments");
            let (status, _, body) = get_json(app, &missing, None).await;
            assert_eq!(status, StatusCode::NOT_FOUND);
            assert_eq!(body["error"]["code"], "not_found");
        }
        let all: BTreeSet<String> = paths.into_iter().collect();
        assert_eq!(exercised, all, "every documented path was walked");
        assert!(
            total_records > 50,
            "the walk read real data ({total_records} records)"
        );

        // An invalid token is refused as documented, never read as the public.
        let (status, _, body) =
            get_json(app, "/api/v1/partnerships", Some("cct_not-a-real-token")).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(body["error"]["field"], "Authorization");
        let (status, _, _) = get_json(app, "/api/v1/no-such-thing", None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
);

/// Creates a token for the person signed in on `client`, and reads it from the list.
async fn new_token(app: &TestApp, client: &reqwest::Client, name: &str) -> String {
    let (status, body) = app
        .call_with(
            client,
            "create_api_token",
            &[("token_name", name), ("expires_in_days", "30")],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = app.call_with(client, "list_api_tokens", &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let list: ApiTokenList = serde_json::from_str(&body).expect("token list");
    let fresh = list.fresh.expect("the new token, shown once");
    assert_eq!(fresh.name, name);
    assert!(fresh.token.starts_with("cct_"));
    // Shown once only.
    let (_, body) = app.call_with(client, "list_api_tokens", &[]).await;
    let again: ApiTokenList = serde_json::from_str(&body).expect("token list");
    assert!(again.fresh.is_none());
    assert!(again.tokens.iter().any(|t| t.name == name && t.active));
    fresh.token
}

fn labels_of(body: &Value) -> BTreeSet<String> {
    body["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|c| c["tlp"].as_str().expect("tlp").to_owned())
        .collect()
}

db_test!(
    a_personal_token_reads_as_its_owner_until_revoked_or_expired,
    true,
    |app| {
        // The public cannot manage tokens.
        let (status, _) = app.call("list_api_tokens", &[]).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let member = app.signed_in("emily.carter@northwind.example").await;
        let (status, body) = app
            .call_with(
                &member,
                "create_api_token",
                &[("token_name", " "), ("expires_in_days", "7")],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            body.contains("token_name") && body.contains("expires_in_days"),
            "{body}"
        );

        let token = new_token(app, &member, "quarterly report").await;
        let path = "/api/v1/partnerships/us-hph/commitments?per_page=200";
        let (_, _, public) = get_json(app, path, None).await;
        let (status, _, own) = get_json(app, path, Some(&token)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(labels_of(&public), BTreeSet::from(["clear".to_owned()]));
        assert!(
            labels_of(&own).contains("green"),
            "a member reads TLP:GREEN: {:?}",
            labels_of(&own)
        );
        assert!(
            own["pagination"]["total"].as_u64() > public["pagination"]["total"].as_u64(),
            "the member sees more than the public"
        );
        // Another partnership's TLP:GREEN stays closed to this member.
        let (_, _, irish) = get_json(
            app,
            "/api/v1/partnerships/ie-health/commitments?per_page=200",
            Some(&token),
        )
        .await;
        if irish.get("data").is_some() {
            assert_eq!(
                labels_of(&irish)
                    .into_iter()
                    .filter(|t| t != "clear")
                    .count(),
                0
            );
        }

        // Another person cannot revoke it; its owner can, and then it is refused.
        let other = app.signed_in("grace.liu@summitregional.example").await;
        let (_, body) = app.call_with(&member, "list_api_tokens", &[]).await;
        let list: ApiTokenList = serde_json::from_str(&body).expect("list");
        let id = list.tokens[0].id.to_string();
        let (status, _) = app
            .call_with(&other, "revoke_api_token", &[("id", &id)])
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _, _) = get_json(app, path, Some(&token)).await;
        assert_eq!(status, StatusCode::OK, "still valid");
        let (status, body) = app
            .call_with(&member, "revoke_api_token", &[("id", &id)])
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, _, body) = get_json(app, path, Some(&token)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");

        // An expired token is refused too.
        let expired = "cct_expired-token-for-the-test";
        let person_id = sqlx::query_scalar::<_, i64>("SELECT id FROM people WHERE email = $1")
            .bind("emily.carter@northwind.example")
            .fetch_one(app.db.pool())
            .await
            .expect("person");
        let now = Timestamp::now();
        let days_ago =
            |d: i64| Timestamp::from_datetime(now.as_datetime() - chrono::Duration::days(d));
        let mut conn = app.db.pool().acquire().await.expect("connection");
        insert_api_token(
            &mut conn,
            NewApiToken {
                person_id,
                name: "old".to_owned(),
                token_hash: hash_token(expired),
                token_prefix: "cct_expir".to_owned(),
                expires_at: days_ago(1),
                created_at: days_ago(31),
            },
        )
        .await
        .expect("insert");
        drop(conn);
        let (status, _, _) = get_json(app, path, Some(expired)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);

        // Creating and revoking are audited.
        let audited = sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM audit_events WHERE action IN ('api_token_created', 'api_token_revoked')",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("count");
        assert_eq!(audited, 2);
    }
);

db_test!(
    the_atom_feed_tells_each_reader_what_they_may_see,
    true,
    |app| {
        let res = TestApp::client()
            .get(app.url("/p/us-hph/feed.atom"))
            .send()
            .await
            .expect("GET");
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(
            res.headers()["content-type"],
            "application/atom+xml; charset=utf-8"
        );
        let public = res.text().await.expect("feed");
        assert!(public.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
        assert!(
            public
                .contains("<link rel=\"self\" href=\"http://concordat.test/p/us-hph/feed.atom\"/>")
        );
        assert!(
            public.contains("<category term=\"publication\"/>"),
            "{public}"
        );
        assert!(public.contains("<category term=\"progress\"/>"), "{public}");
        assert!(public.ends_with("</feed>\n"));

        // A member's feed has what the public's has, and TLP:GREEN progress besides.
        let member = app.signed_in("emily.carter@northwind.example").await;
        let own = member
            .get(app.url("/p/us-hph/feed.atom"))
            .send()
            .await
            .expect("GET")
            .text()
            .await
            .expect("feed");
        let entries = |feed: &str| feed.matches("<entry>").count();
        assert!(
            entries(&own) >= entries(&public),
            "{} < {}",
            entries(&own),
            entries(&public)
        );
        let green_titles: Vec<String> = {
            let mut conn = app.db.pool().acquire().await.expect("connection");
            sqlx::query_scalar::<_, String>(
            "SELECT k.title FROM progress_updates u JOIN commitments k ON k.id = u.commitment_id
             JOIN partnerships p ON p.id = k.partnership_id
             WHERE p.slug = 'us-hph' AND k.tlp = 'green'",
        )
        .fetch_all(&mut *conn)
        .await
        .expect("titles")
        };
        for title in &green_titles {
            let escaped = app::domain::atom::escape(title);
            assert!(
                !public.contains(&escaped),
                "the public feed names the GREEN commitment {title}"
            );
        }

        let (status, _) = app.get("/p/no-such-partnership/feed.atom").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
);
