//! One endpoint in a closed loop: the floors (`/healthz`, the minimal axum + sqlx select) and
//! the endpoint compared with them (`GET /projects/{id}`), measured by the same load tool with
//! the same number of connections so that their ratio survives a noisy machine.

use std::sync::Arc;

use goose::prelude::*;

use super::{RunFigures, Shape, attack};

/// Requests `path` (named `name` in the figures) over and over, with `token` as a bearer
/// token when given.
pub async fn run(
    host: &str,
    path: &str,
    name: &str,
    token: Option<String>,
    shape: &Shape,
    label: &str,
) -> anyhow::Result<RunFigures> {
    let path: Arc<str> = Arc::from(path);
    let name: Arc<str> = Arc::from(name);
    let token: Option<Arc<str>> = token.map(Arc::from);
    let request: TransactionFunction = Arc::new(move |user| {
        let (path, name, token) = (path.clone(), name.clone(), token.clone());
        Box::pin(async move {
            let mut builder = user.get_request_builder(&GooseMethod::Get, &path)?;
            if let Some(token) = token {
                builder = builder.bearer_auth(token);
            }
            let request = GooseRequest::builder()
                .path(&*path)
                .name(&*name)
                .set_request_builder(builder)
                .build();
            let goose = user.request(request).await?;
            if let Ok(response) = goose.response {
                // Read to the end so that the connection is reused.
                let _ = response.bytes().await;
            }
            Ok(())
        })
    });
    let scenario = scenario!("Probe").register_transaction(Transaction::new(request));
    attack(host, scenario, shape, label).await
}
