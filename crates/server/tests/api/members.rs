//! Project members: add, change role, remove, and the last-manager rule.

use serde_json::json;

use crate::both_backends;
use crate::helpers::TestApp;

both_backends!(manage_members, |app: TestApp| async move {
    let project = app.project("Crew").await;
    let id = project["id"].as_str().unwrap();
    let (lukas, lukas_token) = app.user("member", None).await;
    let base = format!("/api/v1/projects/{id}/members");
    let r = app
        .post(&base, json!({"user_id": lukas.id, "role": "MEMBER"}))
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.body["email"], lukas.email.as_str());
    app.post(&base, json!({"user_id": lukas.id, "role": "VIEWER"}))
        .await
        .problem(409);
    assert_eq!(
        app.post(&base, json!({"user_id": lukas.id, "role": "BOSS"}))
            .await
            .error_fields(),
        ["role"]
    );
    assert_eq!(
        app.post(
            &base,
            json!({"user_id": "01936d3c-0000-7000-8000-000000000000", "role": "MEMBER"})
        )
        .await
        .error_fields(),
        ["user_id"]
    );
    // A member cannot manage members.
    app.post_as(
        &lukas_token,
        &base,
        json!({"user_id": app.admin.id, "role": "VIEWER"}),
    )
    .await
    .problem(403);

    let r = app
        .patch(
            &format!("{base}/{}", lukas.id),
            json!({"role": "MANAGER"}),
            Some(1),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["role"], "MANAGER");
    app.patch(
        &format!("{base}/{}", lukas.id),
        json!({"role": "VIEWER"}),
        Some(1),
    )
    .await
    .problem(412);
    // Now Lukas manages: he may step the project back.
    assert_eq!(
        app.get_as(&lukas_token, &base).await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // The last manager stays.
    assert_eq!(
        app.delete(&format!("{base}/{}", app.admin.id)).await.status,
        204
    );
    app.delete(&format!("{base}/{}", lukas.id))
        .await
        .problem(409);
    app.patch(
        &format!("{base}/{}", lukas.id),
        json!({"role": "MEMBER"}),
        None,
    )
    .await
    .problem(409);
    let (other, _) = app.user("member", None).await;
    app.delete(&format!("{base}/{}", other.id))
        .await
        .problem(404);
    // Client users see their client's projects without membership.
    let helix = app.client_record("Helix").await;
    let (client_user, _) = app
        .user(
            "client",
            Some(helix["id"].as_str().unwrap().parse().unwrap()),
        )
        .await;
    assert_eq!(
        app.post(&base, json!({"user_id": client_user.id, "role": "VIEWER"}))
            .await
            .error_fields(),
        ["user_id"]
    );
});
