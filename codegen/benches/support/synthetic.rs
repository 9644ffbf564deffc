//! Synthetic schemas for the benchmarks: the real `api.yaml` and `n`
//! operations, each with its own params, enums, a filter object and a
//! response object.

use std::path::Path;

/// The real `api.yaml` and `n` operations spread over files of 10.
pub fn synthetic(n: usize) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    let api = std::fs::read_to_string(root.join("api.yaml")).expect("schema/api.yaml");
    let mut files = vec![(
        "api.yaml".to_string(),
        api.replace(
            "  ai_gateway:\n    doc: Cloudflare AI Gateway.",
            "  synthetic:\n    doc: Synthetic.",
        ),
    )];
    for file in 0..n.div_ceil(10) {
        let mut text = String::from("doc: Synthetic resource.\ntypes:\n");
        let ops = (file * 10..((file + 1) * 10).min(n)).collect::<Vec<_>>();
        for op in &ops {
            text.push_str(&format!(
                "  Op{op}Order:\n    doc: Order.\n    string_enum: [asc, desc, created_at, model.type]\n\
                 \x20 Op{op}Filter:\n    doc: Filter.\n    object:\n      key:\n        type: Op{op}Order\n        required: true\n        doc: Key.\n      value:\n        type: {{array: string}}\n        required: true\n        doc: Values.\n\
                 \x20 Op{op}Item:\n    doc: Item.\n    object:\n      id:\n        type: string\n        required: true\n        doc: Id.\n      at:\n        type: string\n        format: date-time\n        doc: When.\n      count:\n        type: integer\n        nullable: true\n        required: true\n        doc: Count.\n\
                 \x20 Op{op}Info:\n    doc: Info.\n    object:\n      page:\n        type: number\n        doc: Page.\n      per_page:\n        type: number\n        doc: Per page.\n      total_count:\n        type: number\n        doc: Total.\n"
            ));
        }
        text.push_str("operations:\n");
        for op in &ops {
            text.push_str(&format!(
                "  op{op}:\n    doc: Operation {op}.\n    method: GET\n    path: accounts/{{account_id}}/things/{{thing_id}}/op{op}\n    params_type: Op{op}Params\n    pagination: page_number\n    response:\n      page:\n        item: Op{op}Item\n        result_info: Op{op}Info\n    path_params:\n      account_id:\n        type: string\n        in: params\n        doc: Account.\n      thing_id:\n        type: string\n        in: argument\n        max_length: 64\n        doc: Thing.\n    query:\n      page:\n        type: integer\n        minimum: 1\n        doc: Page.\n      per_page:\n        type: integer\n        minimum: 1\n        maximum: 50\n        doc: Per page.\n      order:\n        type: Op{op}Order\n        doc: Order.\n      filters:\n        type: {{array: Op{op}Filter}}\n        doc: Filters.\n      since:\n        type: string\n        format: date-time\n        doc: Since.\n      cost:\n        type: number\n        deprecated: Old.\n        doc: Cost.\n"
            ));
        }
        files.push((format!("synthetic/r{file}.yaml"), text));
    }
    files
}
