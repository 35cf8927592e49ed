/// The `srg-plan/1` plan format (`spec/plan-format.md`), declared once: it drives loading,
/// `format` findings, the rule type checker, `planlint init` and the docs.
public enum PlanSchema {
    /// The format identifier a plan declares on its `format:` line.
    public static let formatID = "srg-plan/1"

    public static let memberTypes = [
        "ccg", "acute-trust", "ambulance-trust", "mental-health-trust", "community-provider",
        "local-authority", "area-team", "primary-care", "independent-sector", "voluntary-sector",
        "patient-representative", "other",
    ]
    public static let cohorts = ["high-risk", "all-others", "earned-autonomy"]
    public static let capacityKinds = ["beds", "wte", "outpatient-appointments", "inpatient-procedures", "homecare-hours", "other"]
    public static let providerServices = ["elective", "step-up-step-down", "homecare", "other"]
    public static let reviewPoints = ["demand-drivers", "acuity", "redistribution", "volatility", "capacity", "resource-use"]
    public static let widerKeys = [
        "discharge_planning", "ae_delays", "ambulance", "unscheduled_care", "flu", "referrals",
        "right_care", "childrens_services", "mental_health", "chronic_conditions", "care_homes",
        "care_act", "better_care_fund", "social_action_fund",
    ]

    static let organisation = RecordSchema("organisation", [
        FieldSpec("name", .text, "organisation name"),
        FieldSpec("code", .text, "ODS code"),
    ])
    static let chair = RecordSchema("chair", [
        FieldSpec("name", .text), FieldSpec("job_title", .text), FieldSpec("organisation", .text),
        FieldSpec("organisation_type", .choice(memberTypes), "member type of the chair's organisation"),
    ])
    static let member = RecordSchema("member", [
        FieldSpec("name", .text), FieldSpec("code", .text, "ODS or ONS code"), FieldSpec("type", .choice(memberTypes)),
    ])
    static let srg = RecordSchema("srg", [
        FieldSpec("name", .text, "name of the System Resilience Group"),
        FieldSpec("year", .text, "planning year, 2014/15"),
        FieldSpec("cohort", .choice(cohorts), "assurance cohort"),
        FieldSpec("area_team", .text, "the NHS England area team that assures the plan"),
        FieldSpec("lead_ccg", .record(organisation)),
        FieldSpec("lead_acute_trust", .record(organisation)),
        FieldSpec("chair", .record(chair)),
        FieldSpec("members", .list(.record(member), idKey: nil), "every SRG member organisation"),
        FieldSpec("publication_url", .text, "where the final plan is published"),
        FieldSpec("submitted", .date, "date the plan is submitted to the area team"),
        FieldSpec("diagnostic_action_plan", .text, "high-risk cohort: the action plan from the diagnostic"),
    ])
    static let lead = RecordSchema("lead", [
        FieldSpec("name", .text), FieldSpec("email", .email), FieldSpec("job_title", .text), FieldSpec("organisation", .text),
    ])
    static func schemeFields() -> [FieldSpec] {
        [
            FieldSpec("summary", .text, "summary of the plan to achieve the requirement"),
            FieldSpec("kpis", .list(.text, idKey: nil), "KPIs"),
            FieldSpec("targets", .list(.text, idKey: nil), "target outcomes: a quantity and a date or period each"),
            FieldSpec("timeframe", .date, "timeframe for completion"),
            FieldSpec("lead", .record(lead), "lead accountable officer"),
            FieldSpec("cost", .money, "estimated cost in 2014/15"),
        ]
    }
    static let minimumScheme = RecordSchema("minimum requirement scheme",
        [FieldSpec("requirement", .text, "requirement id, NE01..NE13 or EL01..EL13")] + schemeFields())
    static let localScheme = RecordSchema("local scheme",
        [FieldSpec("id", .text, "the scheme's own id, unique in the plan"), FieldSpec("title", .text)] + schemeFields())
    static let engagement = RecordSchema("engagement", [
        FieldSpec("is_non_acute_beds", .text, "SE1 independent sector non-acute bed capacity"),
        FieldSpec("is_other_capacity", .text, "SE2 other independent sector capacity"),
        FieldSpec("flu_vaccination", .text, "SE3 flu vaccination of healthcare workers"),
        FieldSpec("care_packages_7day", .text, "SE4 7-day commencement of new care packages"),
        FieldSpec("childrens_services", .text, "SE5 children's services"),
        FieldSpec("patient_groups", .text, "SE6 patient representative groups"),
    ])
    static let signOff = RecordSchema("sign-off row", [
        FieldSpec("representative_of", .choice(memberTypes)),
        FieldSpec("organisation", .text), FieldSpec("name", .text), FieldSpec("email", .email),
        FieldSpec("job_title", .text),
        FieldSpec("signature", .text, "the electronic signature; empty = not signed"),
        FieldSpec("date", .date),
    ])
    static let costItem = RecordSchema("costing item", [FieldSpec("item", .text), FieldSpec("amount", .money)])
    static let wte = RecordSchema("wte", [FieldSpec("nurse", .count), FieldSpec("doctor", .count), FieldSpec("other", .count)])
    static let costingCommon: [FieldSpec] = [
        FieldSpec("scheme", .text, "a requirement id or a local scheme id"),
        FieldSpec("items", .list(.record(costItem), idKey: nil), "itemised net costings; savings are negative"),
        FieldSpec("net", .money, "stated net total"),
        FieldSpec("wte", .record(wte), "WTE increases"),
    ]
    static let nonElectiveCosting = RecordSchema("non-elective costing", costingCommon + [
        FieldSpec("beds", .count, "increase in bed capacity"),
        FieldSpec("capacity_refs", .list(.text, idKey: nil), "capacity_plan ids this capacity is linked to"),
    ])
    static let electiveCosting = RecordSchema("elective costing", costingCommon + [
        FieldSpec("capacity_refs", .list(.text, idKey: nil), "capacity_plan ids this capacity is linked to"),
        FieldSpec("outpatient_appointments", .count, "additional outpatient appointments"),
        FieldSpec("inpatient_procedures", .count, "additional inpatient/daycase procedures"),
    ])
    static func templateFields(funding: RecordSchema, costing: RecordSchema) -> [FieldSpec] {
        [
            FieldSpec("funding", .record(funding)),
            FieldSpec("narrative", .text, "Section 1: local system configuration, strengths and challenges"),
            FieldSpec("minimum", .list(.record(minimumScheme), idKey: "requirement"), "Section 2: one entry per minimum requirement"),
            FieldSpec("local", .list(.record(localScheme), idKey: "id"), "Section 3: local plans for innovation"),
            FieldSpec("minimum_total", .money, "optional: the template's stated 'Total costs of all minimum requirement schemes'"),
            FieldSpec("local_total", .money, "optional: the template's stated total of local scheme costs"),
            FieldSpec("gap_closure", .text, "plan to close any gap between total costs and total funding"),
            FieldSpec("engagement", .record(engagement), "Section 4: local stakeholder engagement"),
            FieldSpec("sign_off", .list(.record(signOff), idKey: "representative_of"), "Section 5: key partner sign-off"),
            FieldSpec("costings", .list(.record(costing), idKey: "scheme"), "the costings template"),
        ]
    }
    static let nonElectiveFunding = RecordSchema("non-elective funding", [
        FieldSpec("resilience", .money), FieldSpec("marginal_tariff", .money), FieldSpec("other", .money), FieldSpec("total", .money),
    ])
    static let electiveFunding = RecordSchema("elective funding", [
        FieldSpec("resilience", .money), FieldSpec("other", .money), FieldSpec("total", .money),
    ])
    static let nonElective = RecordSchema("non-elective template", templateFields(funding: nonElectiveFunding, costing: nonElectiveCosting))
    static let elective = RecordSchema("elective template", templateFields(funding: electiveFunding, costing: electiveCosting))
    static let capacityEntry = RecordSchema("capacity plan entry", [
        FieldSpec("id", .text), FieldSpec("kind", .choice(capacityKinds)), FieldSpec("amount", .count),
        FieldSpec("description", .text), FieldSpec("provider", .text), FieldSpec("from", .date), FieldSpec("to", .date),
    ])
    static let contact = RecordSchema("contact", [FieldSpec("name", .text), FieldSpec("email", .email), FieldSpec("phone", .text)])
    static let capacityLine = RecordSchema("capacity line", [FieldSpec("type", .text), FieldSpec("amount", .count), FieldSpec("unit", .text)])
    static let provider = RecordSchema("independent sector provider", [
        FieldSpec("organisation", .text), FieldSpec("code", .text, "organisation code"),
        FieldSpec("owner", .text, "healthcare provider (owner)"),
        FieldSpec("sector", .choice(["independent", "voluntary"])),
        FieldSpec("provides", .list(.choice(providerServices), idKey: nil)),
        FieldSpec("cqc_services", .list(.text, idKey: nil), "CQC listed specialisms/services"),
        FieldSpec("contact", .record(contact), "key contact"),
        FieldSpec("capacity", .list(.record(capacityLine), idKey: nil), "capacity by unit or type"),
        FieldSpec("notes", .text), FieldSpec("national_grouping_code", .text),
        FieldSpec("la_code", .text, "high level local authority code, e.g. E10000002"),
        FieldSpec("ccg", .text), FieldSpec("lsoa", .text, "e.g. E01000001"), FieldSpec("local_authority", .text),
        FieldSpec("choice", .text, "how NHS-funded elective patients are told of their right to choose"),
    ])
    static let governance = RecordSchema("governance", [
        FieldSpec("terms_of_reference", .text),
        FieldSpec("kpi_dashboard", .text, "how the chair holds members to account on agreed KPIs"),
        FieldSpec("funding_updates", .text, "the monthly update on non-recurrent funding"),
        FieldSpec("marginal_tariff_use", .text, "use of the 70% marginal tariff"),
        FieldSpec("financial_performance", .text, "how the plan maintains or improves financial performance"),
    ])
    static let analyticalReview = RecordSchema("analytical review", [
        FieldSpec("completed", .date), FieldSpec("shared_with_srg", .date),
        FieldSpec("covers", .list(.choice(reviewPoints), idKey: nil)),
    ])
    static let wider = RecordSchema("wider planning considerations", widerKeys.map { FieldSpec($0, .text) })

    /// The whole plan document.
    public static let plan = RecordSchema("plan", [
        FieldSpec("format", .text, "always srg-plan/1"),
        FieldSpec("srg", .record(srg), "the System Resilience Group"),
        FieldSpec("non_elective", .record(nonElective), "the non-elective template and its costings"),
        FieldSpec("elective", .record(elective), "the elective template and its costings"),
        FieldSpec("capacity_plan", .list(.record(capacityEntry), idKey: "id"), "the capacity plan / capacity mapping annex"),
        FieldSpec("independent_sector", .list(.record(provider), idKey: nil), "Annex C: one record per independent or voluntary provider"),
        FieldSpec("capacity_map_updates", .text, "the local agreement on keeping the capacity map up to date"),
        FieldSpec("governance", .record(governance)),
        FieldSpec("analytical_review", .record(analyticalReview), "independent analytical review of 2013/14"),
        FieldSpec("wider", .record(wider), "wider planning considerations"),
    ])
}
