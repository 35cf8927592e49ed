import XCTest
import PlanModel
import RulesDSL
import RuleEngine

/// The meaning of rules: small rule folders run over small plans.
final class EvaluatorTests: XCTestCase {
    private func findings(_ rules: String, _ yaml: String, catalogue: [String: String] = [:], profiles: [String] = [],
                          file: StaticString = #filePath, line: UInt = #line) throws -> [Finding] {
        let set = try Fixture.ruleSet(rules, catalogue: catalogue, testCase: self, file: file, line: line)
        return set.check(try Fixture.plan(yaml), profiles: profiles)
    }

    // MARK: three-valued logic

    let fundingRule = Fixture.rule("FUND-MIN", """
    expect   plan.non_elective.funding.total >= £1,000
    subject  plan.non_elective.funding.total
    message  "Total is {plan.non_elective.funding.total}"
    """)

    func testComparisonWithAMissingValueYieldsNoFinding() throws {
        XCTAssertEqual(try findings(fundingRule, "format: srg-plan/1\nnon_elective:\n  narrative: x\n"), [])
        XCTAssertEqual(try findings(fundingRule, "format: srg-plan/1\n"), [])
    }

    func testComparisonWithAnUnreadableValueYieldsOnlyTheFormatFinding() throws {
        let out = try findings(fundingRule, "format: srg-plan/1\nnon_elective:\n  funding:\n    total: lots\n")
        XCTAssertEqual(out.map(\.brief), ["FORMAT-MONEY non_elective.funding.total 4:12"])
    }

    func testFailedComparisonReportsAtTheValueWithItsMessage() throws {
        let out = try findings(fundingRule, "format: srg-plan/1\nnon_elective:\n  funding:\n    total: 500\n")
        XCTAssertEqual(out.map(\.brief), ["FUND-MIN non_elective.funding.total 4:12"])
        XCTAssertEqual(out.first?.message, "Total is £500")
        XCTAssertEqual(out.first?.severity, .error)
        XCTAssertEqual(out.first?.category, .incomplete)
        XCTAssertEqual(out.first?.citation, "Test citation for FUND-MIN")
        XCTAssertEqual(out.first?.file, "plan.yaml")
        XCTAssertEqual(try findings(fundingRule, "format: srg-plan/1\nnon_elective:\n  funding:\n    total: 5000\n"), [])
    }

    func testUnknownPropagatesThroughNotAndOrButFalseDecidesAnd() throws {
        let rules = Fixture.rule("NOT-LOW", """
        expect   not (plan.non_elective.funding.total < £1,000)
        subject  plan.non_elective.funding.total
        message  "m"
        """) + Fixture.rule("OR-RULE", """
        expect   plan.non_elective.funding.total >= £1,000 or plan.srg.name exists
        subject  plan.srg.name
        message  "m"
        """) + Fixture.rule("AND-RULE", """
        expect   plan.non_elective.funding.total >= £1,000 and plan.srg.name exists
        subject  plan.srg.name
        message  "m"
        """)
        // total missing, name missing: not(unknown) = unknown; unknown or false = unknown; unknown and false = false.
        XCTAssertEqual(try findings(rules, "format: srg-plan/1\n").map(\.rule), ["AND-RULE"])
        // total missing, name present: unknown or true = true; unknown and true = unknown.
        XCTAssertEqual(try findings(rules, "format: srg-plan/1\nsrg:\n  name: X\n").map(\.rule), [])
    }

    func testQuantifierWithAnUnknownElementIsUnknown() throws {
        let rules = Fixture.rule("COSTS-POSITIVE", """
        expect   all s in plan.non_elective.minimum: s.cost > £0
        subject  plan.non_elective.minimum
        message  "m"
        """)
        let unknown = "format: srg-plan/1\nnon_elective:\n  minimum:\n    - {requirement: NE01, cost: 10}\n    - {requirement: NE02}\n"
        XCTAssertEqual(try findings(rules, unknown), [], "one cost unknown and none false: no finding")
        let failing = unknown + "    - {requirement: NE03, cost: -5}\n"
        XCTAssertEqual(try findings(rules, failing).map(\.brief), ["COSTS-POSITIVE non_elective.minimum 4:5"],
                       "a false element decides 'all' even beside an unknown one")
    }

    // MARK: exists and is missing

    let blanks = """
    format: srg-plan/1
    non_elective:
      minimum:
        - requirement: NE01
          summary: "   "
          kpis: []
          lead: {}
        - requirement: NE02
          summary: Filled
          kpis: [One]
          lead: {name: Alice}
        - requirement: NE03
          lead: {name: ""}

    """

    func testExistsIsFalseForBlankTextEmptyListsAndEmptyMappings() throws {
        let rules = ["summary", "kpis", "lead"].map { field in
            Fixture.rule("HAS-\(field.uppercased())", """
            for each s in plan.non_elective.minimum
            expect   s.\(field) exists
            subject  s.\(field)
            message  "{key(s)} has no \(field)"
            """)
        }.joined()
        XCTAssertEqual(try findings(rules, blanks).map(\.brief), [
            "HAS-SUMMARY non_elective.minimum[NE01].summary 5:16",
            "HAS-KPIS non_elective.minimum[NE01].kpis 6:13",
            "HAS-LEAD non_elective.minimum[NE01].lead 7:13",
            "HAS-KPIS non_elective.minimum[NE03].kpis 12:7",
            "HAS-SUMMARY non_elective.minimum[NE03].summary 12:7",
            "HAS-LEAD non_elective.minimum[NE03].lead 13:13",
        ])
    }

    func testIsMissingIsTheOppositeOfExists() throws {
        let rules = Fixture.rule("NO-SUMMARY", """
        for each s in plan.non_elective.minimum
        expect   s.summary is missing
        subject  s.summary
        message  "m"
        """) + Fixture.rule("NOT-FILLED", """
        for each s in plan.non_elective.minimum
        expect   s.lead is not filled
        subject  s.lead
        message  "m"
        """)
        XCTAssertEqual(try findings(rules, blanks).map(\.brief), [
            "NO-SUMMARY non_elective.minimum[NE02].summary 9:16",
            "NOT-FILLED non_elective.minimum[NE02].lead 11:13",
        ])
    }

    // MARK: quantifiers

    func testQuantifiersOverMissingAndEmptyLists() throws {
        let rules = Fixture.rule("Q-ALL", """
        for each s in plan.non_elective.minimum
        expect   all k in s.kpis: k exists
        subject  s.kpis
        message  "m"
        """) + Fixture.rule("Q-ANY", """
        for each s in plan.non_elective.minimum
        expect   any k in s.kpis: k exists
        subject  s.kpis
        message  "m"
        """) + Fixture.rule("Q-NO", """
        for each s in plan.non_elective.minimum
        expect   no k in s.kpis where k exists: k == "TBC"
        subject  s.kpis
        message  "m"
        """)
        let yaml = """
        format: srg-plan/1
        non_elective:
          minimum:
            - requirement: NE01
            - requirement: NE02
              kpis: ["", TBC]
            - requirement: NE03
              kpis: [Daily bed forecast]

        """
        XCTAssertEqual(try findings(rules, yaml).map(\.brief), [
            "Q-ANY non_elective.minimum[NE01].kpis 4:7",
            "Q-ALL non_elective.minimum[NE02].kpis 6:13",
            "Q-NO non_elective.minimum[NE02].kpis 6:13",
        ])
    }

    func testQuantifierOverAMissingSectionSubjectIsTheMissingList() throws {
        let rules = Fixture.rule("ANY-ROW", """
        expect   any s in plan.non_elective.minimum: s exists
        subject  plan.non_elective.minimum
        message  "m"
        """)
        XCTAssertEqual(try findings(rules, "format: srg-plan/1\nsrg:\n  name: X\n").map(\.brief),
                       ["ANY-ROW non_elective.minimum 1:1"])
    }

    // MARK: lookups by id

    let lookupRule = Fixture.rule("HAS-NE07", category: "missing-item", """
    expect   plan.non_elective.minimum["NE07"] exists
    subject  plan.non_elective.minimum["NE07"]
    message  "No NE07 row"
    """)

    func testLookupOfAnAbsentIdIsMissingAtTheParentKey() throws {
        let yaml = """
        format: srg-plan/1
        srg:
          name: X
        non_elective:
          narrative: Some text
          minimum:
            - requirement: NE01

        """
        XCTAssertEqual(try findings(lookupRule, yaml).map(\.brief), ["HAS-NE07 non_elective.minimum[NE07] 6:3"])
        let present = yaml + "    - requirement: NE07\n      summary: Here\n"
        XCTAssertEqual(try findings(lookupRule, present), [])
    }

    func testLookupBelowAMissingSectionPointsAtTheDocument() throws {
        XCTAssertEqual(try findings(lookupRule, "format: srg-plan/1\nsrg:\n  name: X\n").map(\.brief),
                       ["HAS-NE07 non_elective.minimum[NE07] 1:1"])
        XCTAssertEqual(try findings(lookupRule, "format: srg-plan/1\nnon_elective:\n  minimum: []\n").map(\.brief),
                       ["HAS-NE07 non_elective.minimum[NE07] 3:3"])
    }

    func testFieldOfAMissingRowNamesTheIdInItsPath() throws {
        let rules = Fixture.rule("NE07-EMAIL", """
        expect   plan.non_elective.minimum["NE07"].lead.email exists
        subject  plan.non_elective.minimum["NE07"].lead.email
        message  "m"
        """)
        XCTAssertEqual(try findings(rules, "format: srg-plan/1\nnon_elective:\n  minimum:\n    - requirement: NE01\n").map(\.brief),
                       ["NE07-EMAIL non_elective.minimum[NE07].lead.email 3:3"])
    }

    func testLookupByCatalogueIds() throws {
        let catalogue = ["requirements.yaml": """
        - id: NE01
          title: Capacity modelling
        - id: NE07
          title: Mental health crisis care

        """]
        let rules = Fixture.rule("MIN-PRESENT", category: "missing-item", """
        for each req in catalogue.requirements
        expect   plan.non_elective.minimum[req.id] exists
        subject  plan.non_elective.minimum[req.id]
        message  "No plan for minimum requirement {req.id} ({req.title})"
        """)
        let out = try findings(rules, "format: srg-plan/1\nnon_elective:\n  minimum:\n    - requirement: NE01\n", catalogue: catalogue)
        XCTAssertEqual(out.map(\.brief), ["MIN-PRESENT non_elective.minimum[NE07] 3:3"])
        XCTAssertEqual(out.first?.message, "No plan for minimum requirement NE07 (Mental health crisis care)")
        XCTAssertEqual(out.first?.category, .missingItem)
    }

    // MARK: projection, sum, money

    let costings = """
    format: srg-plan/1
    non_elective:
      costings:
        - scheme: NE01
          items:
            - {item: Nurses, amount: 200000}
            - {item: Beds, amount: "£160,000"}
          net: 350000
        - scheme: NE02
          items:
            - {item: A, amount: 100}
            - {item: B}
          net: 50
        - scheme: NE03
          items:
            - {item: A, amount: 100}
            - {item: Saving, amount: "(£40)"}
          net: 60

    """

    func testProjectionAndSumOfMoney() throws {
        let rules = Fixture.rule("ITEMS-NET", category: "costing-link", """
        for each c in plan.non_elective.costings
        let total = sum(c.items.amount)
        expect   total == c.net
        subject  c.net
        message  "The items of {key(c)} add up to {total}, but net says {c.net}"
        """)
        let out = try findings(rules, costings)
        XCTAssertEqual(out.map(\.brief), ["ITEMS-NET non_elective.costings[NE01].net 8:12"],
                       "NE02 has an item with no amount: its sum is unknown, so no finding")
        XCTAssertEqual(out.first?.message, "The items of NE01 add up to £360,000, but net says £350,000")
    }

    func testProjectionThroughListsFlattens() throws {
        let rules = Fixture.rule("ITEM-COUNT", """
        expect   count(plan.non_elective.costings.items) == 5
        subject  plan.non_elective.costings
        message  "{count(plan.non_elective.costings.items)} items; {count(plan.non_elective.costings.items.amount)} amounts; first scheme {first(plan.non_elective.costings.scheme)}"
        """)
        let out = try findings(rules, costings)
        XCTAssertEqual(out.map(\.brief), ["ITEM-COUNT non_elective.costings 4:5"])
        XCTAssertEqual(out.first?.message, "6 items; 6 amounts; first scheme NE01")
    }

    func testMoneyComparesWithPlainNumbersBothWays() throws {
        let rules = Fixture.rule("MONEY-LEFT", """
        expect   plan.non_elective.funding.total > 1000
        subject  plan.non_elective.funding.total
        message  "m"
        """) + Fixture.rule("MONEY-RIGHT", """
        expect   1000 < plan.non_elective.funding.total
        subject  plan.non_elective.funding.total
        message  "m"
        """) + Fixture.rule("MONEY-EQUAL", """
        expect   plan.non_elective.funding.total != 999.99
        subject  plan.non_elective.funding.total
        message  "m"
        """)
        let low = try findings(rules, "format: srg-plan/1\nnon_elective:\n  funding: {total: \"£999.99\"}\n")
        XCTAssertEqual(low.map(\.rule), ["MONEY-EQUAL", "MONEY-LEFT", "MONEY-RIGHT"])
        XCTAssertEqual(try findings(rules, "format: srg-plan/1\nnon_elective:\n  funding: {total: \"£1,000.01\"}\n"), [])
    }

    func testMoneyArithmetic() throws {
        let rules = Fixture.rule("FUNDING-ADDS-UP", category: "funding", """
        let f = plan.non_elective.funding
        expect   f.resilience + f.marginal_tariff + f.other == f.total
        subject  f.total
        message  "Lines add up to {f.resilience + f.marginal_tariff + f.other}; total says {f.total}; 70% is {f.total * 0.7}"
        """)
        let out = try findings(rules, "format: srg-plan/1\nnon_elective:\n  funding: {resilience: 100, marginal_tariff: \"£50k\", other: 0.5, total: 1000}\n")
        XCTAssertEqual(out.map(\.brief), ["FUNDING-ADDS-UP non_elective.funding.total 3:74"])
        XCTAssertEqual(out.first?.message, "Lines add up to £50,100.50; total says £1,000; 70% is £700")
    }

    /// `duplicates` finds repeated values once each (text compared without surrounding spaces), and a
    /// `let` before a loop is computed once for the whole loop.
    func testDuplicatesFindsRepeatedIdsOnce() throws {
        let rules = Fixture.rule("UNIQUE", category: "format", """
        let repeated = duplicates(plan.capacity_plan.id)
        for each e in plan.capacity_plan
        where    e.id exists
        expect   e.id not in repeated
        subject  e.id
        message  "{e.id} repeats ({repeated})"
        """)
        let out = try findings(rules, """
        format: srg-plan/1
        capacity_plan:
          - {id: CAP-1}
          - {id: "CAP-1 "}
          - {id: CAP-2}
          - {id: CAP-1}

        """)
        XCTAssertEqual(out.map(\.subject), ["capacity_plan[CAP-1].id", "capacity_plan[CAP-1].id", "capacity_plan[CAP-1].id"])
        XCTAssertEqual(Set(out.map(\.message)), ["CAP-1 repeats (CAP-1)"])
        XCTAssertEqual(out.map(\.location.line), [3, 4, 6])
    }

    /// A field read through a type two templates share (non-elective and elective costings joined)
    /// finds the field in either kind of record.
    func testFieldsOfJoinedListsOfDifferentRecordKinds() throws {
        let rules = Fixture.rule("NET", category: "costing-link", """
        for each c in plan.non_elective.costings + plan.elective.costings
        expect   c.net exists
        subject  c.net
        message  "{c.scheme} has no net"
        """)
        let out = try findings(rules, """
        format: srg-plan/1
        non_elective:
          costings:
            - {scheme: NE01, net: 5, beds: 2}
            - {scheme: NE02}
        elective:
          costings:
            - {scheme: EL01, outpatient_appointments: 3}

        """)
        XCTAssertEqual(out.map(\.subject), ["non_elective.costings[NE02].net", "elective.costings[EL01].net"])
    }

    /// `sum` of a list of money is money, even when the list is empty: £0, not the number 0. Otherwise
    /// `sum(a) + sum(b)` (which the checker types as money + money) is unknown whenever one list is empty,
    /// and the rule silently reports nothing.
    func testSumOfAnEmptyListOfMoneyIsZeroPounds() throws {
        let rules = Fixture.rule("COSTS-WITHIN-FUNDING", category: "funding", """
        let minimum = sum([s.cost for s in plan.non_elective.minimum where s.cost exists])
        let local   = sum([s.cost for s in plan.non_elective.local where s.cost exists])
        expect   minimum + local <= plan.non_elective.funding.total
        subject  plan.non_elective.funding.total
        message  "Schemes cost {minimum + local} (local {local}); funding is {plan.non_elective.funding.total}"
        """)
        let out = try findings(rules, """
        format: srg-plan/1
        non_elective:
          funding: {total: 1000}
          minimum:
            - {requirement: NE01, cost: 2000}

        """)
        XCTAssertEqual(out.map(\.brief), ["COSTS-WITHIN-FUNDING non_elective.funding.total 3:20"])
        XCTAssertEqual(out.first?.message, "Schemes cost £2,000 (local £0); funding is £1,000")
    }

    // MARK: functions over plan text

    func testTextsFindsEveryTextBelowAValueWithItsPlace() throws {
        let rules = Fixture.rule("NO-TODO", """
        for each t in texts(plan.srg)
        expect   not (t contains "TODO")
        subject  t
        message  "'{t}' still says TODO"
        """)
        let out = try findings(rules, """
        format: srg-plan/1
        srg:
          name: TODO name
          chair:
            name: Dr Who
            job_title: todo
          members:
            - name: A
              code: TODO
          submitted: 2014-07-01

        """)
        XCTAssertEqual(out.map(\.brief), [
            "NO-TODO srg.name 3:9",
            "NO-TODO srg.chair.job_title 6:16",
            "NO-TODO srg.members[0].code 9:13",
        ])
        XCTAssertEqual(out.map(\.message), ["'TODO name' still says TODO", "'todo' still says TODO", "'TODO' still says TODO"])
    }

    func testFilledFieldsDoesNotCountTheId() throws {
        let rules = Fixture.rule("ROW-STARTED", """
        for each s in plan.non_elective.minimum
        expect   filled_fields(s) >= 2
        subject  s
        message  "{key(s)} has {filled_fields(s)} filled field(s)"
        """)
        let out = try findings(rules, """
        format: srg-plan/1
        non_elective:
          minimum:
            - requirement: NE01
              summary: Only a summary
            - requirement: NE02
              summary: Two
              kpis: [Fields]
            - requirement: NE03
              summary: ""
              kpis: []
              lead: {}

        """)
        XCTAssertEqual(out.map(\.brief), ["ROW-STARTED non_elective.minimum[NE01] 4:7", "ROW-STARTED non_elective.minimum[NE03] 9:7"])
        XCTAssertEqual(out.map(\.message), ["NE01 has 1 filled field(s)", "NE03 has 0 filled field(s)"])
    }

    let measurable = Fixture.rule("MEASURABLE", severity: "warning", category: "kpi-link", """
    for each side in [plan.non_elective, plan.elective]
    for each s in side.minimum + side.local
    for each t in s.targets
    where    t exists
    expect   has_quantity(t) and has_timescale(t)
    subject  t
    message  "'{t}' needs {if has_quantity(t) then "a date or period" else "a quantity"}"
    """)

    func testEveryNorthmoorTargetIsMeasurable() throws {
        let set = try Fixture.ruleSet(measurable + Fixture.rule("UNMEASURABLE", """
        for each side in [plan.non_elective, plan.elective]
        for each s in side.minimum + side.local
        for each t in s.targets
        expect   not (has_quantity(t) and has_timescale(t))
        subject  t
        message  "m"
        """), testCase: self)
        let northmoor = try Fixture.plan(atPath: "Samples/complete/northmoor.yaml")
        let out = set.check(northmoor)
        XCTAssertEqual(out.filter { $0.rule == "MEASURABLE" }.map(\.message), [])
        // The inverse rule fires once per target, so the check above was not vacuous.
        let targets = out.filter { $0.rule == "UNMEASURABLE" }
        XCTAssertGreaterThan(targets.count, 40)
        XCTAssertTrue(targets.allSatisfy { $0.subject.contains(".targets[") }, "\(targets.map(\.subject))")
    }

    func testVagueTargetsAreNotMeasurable() throws {
        let out = try findings(measurable, """
        format: srg-plan/1
        non_elective:
          minimum:
            - requirement: NE01
              targets:
                - Improve patient flow
                - Reduce escalation days by 30%
                - By March 2015
                - Reduce delayed transfers by 25% by March 2015
                - 1,200 extra GP appointments a week
          local:
            - id: NE-L1
              targets: Half of patients seen weekly

        """)
        XCTAssertEqual(out.map(\.brief), [
            "MEASURABLE non_elective.minimum[NE01].targets[0] 6:11",
            "MEASURABLE non_elective.minimum[NE01].targets[1] 7:11",
            "MEASURABLE non_elective.minimum[NE01].targets[2] 8:11",
        ])
        XCTAssertEqual(out.map(\.message), [
            "'Improve patient flow' needs a quantity",
            "'Reduce escalation days by 30%' needs a date or period",
            "'By March 2015' needs a quantity",
        ])
        XCTAssertTrue(out.allSatisfy { $0.severity == .warning && $0.category == .kpiLink })
    }

    /// A four-digit number is a year where a year is expected ("by 2015"), and a quantity otherwise.
    func testYearsAndFourDigitQuantitiesAreToldApart() throws {
        let out = try findings(measurable, """
        format: srg-plan/1
        non_elective:
          minimum:
            - requirement: NE01
              targets:
                - 2000 extra appointments by March 2015
                - Improve flow by 2015
                - Reduce waits in 2014/15
                - Fewer delays in Q3 2014/15 than 2013/14

        """)
        XCTAssertEqual(out.map(\.message), [
            "'Improve flow by 2015' needs a quantity",
            "'Reduce waits in 2014/15' needs a quantity",
            "'Fewer delays in Q3 2014/15 than 2013/14' needs a quantity",
        ])
    }

    // MARK: cohorts and profiles

    let cohortRule = Fixture.rule("HR-DIAGNOSTIC", category: "governance", cohort: "high-risk", """
    expect   plan.srg.diagnostic_action_plan exists
    subject  plan.srg.diagnostic_action_plan
    message  "m"
    """)

    func testCohortRestrictedRuleRunsOnlyForThatCohort() throws {
        XCTAssertEqual(try findings(cohortRule, "format: srg-plan/1\nsrg:\n  cohort: high-risk\n").map(\.brief),
                       ["HR-DIAGNOSTIC srg.diagnostic_action_plan 2:1"])
        XCTAssertEqual(try findings(cohortRule, "format: srg-plan/1\nsrg:\n  cohort: all-others\n"), [])
        XCTAssertEqual(try findings(cohortRule, "format: srg-plan/1\nsrg:\n  name: No cohort\n"), [])
        XCTAssertEqual(try findings(cohortRule, "format: srg-plan/1\nsrg:\n  cohort: \" high-risk \"\n").map(\.rule), ["HR-DIAGNOSTIC"],
                       "the cohort word is trimmed")
    }

    let profiled = Fixture.rule("NAMED", severity: "warning", """
    expect   plan.srg.name exists
    subject  plan.srg.name
    message  "m"
    """) + """
    profile high-risk
      severity NAMED error

    profile all-others
      disable  NAMED

    profile draft
      title    "Drafts"
      severity NAMED info
      severity FORMAT-UNKNOWN-KEY error
      disable  FORMAT-VERSION

    """

    func testCohortProfileAppliesAutomatically() throws {
        XCTAssertEqual(try findings(profiled, "format: srg-plan/1\nsrg:\n  cohort: high-risk\n").map(\.severity), [.error])
        XCTAssertEqual(try findings(profiled, "format: srg-plan/1\nsrg:\n  cohort: all-others\n"), [], "the all-others profile disables it")
        XCTAssertEqual(try findings(profiled, "format: srg-plan/1\nsrg:\n  cohort: earned-autonomy\n").map(\.severity), [.warning],
                       "no profile for this cohort: the rule's own severity")
    }

    func testChosenProfileAppliesAfterTheCohortProfile() throws {
        let out = try findings(profiled, "format: srg-plan/1\nsrg:\n  cohort: high-risk\n", profiles: ["draft"])
        XCTAssertEqual(out.map(\.severity), [.info])
    }

    func testProfilesOverrideAndDisableTheLoadersFormatChecks() throws {
        let yaml = "srg:\n  name: X\n  colour: blue\n"
        let plain = try findings(profiled, yaml)
        XCTAssertEqual(plain.map { "\($0.rule) \($0.severity)" }, ["FORMAT-VERSION warning", "FORMAT-UNKNOWN-KEY warning"])
        let draft = try findings(profiled, yaml, profiles: ["draft"])
        XCTAssertEqual(draft.map { "\($0.rule) \($0.severity)" }, ["FORMAT-UNKNOWN-KEY error"])
    }

    // MARK: order and duplicates

    func testFindingsAreInTheContractsStableOrder() throws {
        let rules = Fixture.rule("B-SUMMARY", """
        for each s in plan.non_elective.minimum
        expect   s.summary exists
        subject  s
        message  "m"
        """) + Fixture.rule("A-KPIS", """
        for each s in plan.non_elective.minimum
        expect   s.kpis exists
        subject  s
        message  "m"
        """)
        let yaml = """
        format: srg-plan/1
        non_elective:
          minimum:
            - requirement: NE01
              colour: red
            - requirement: NE02

        """
        XCTAssertEqual(try findings(rules, yaml).map(\.brief), [
            "A-KPIS non_elective.minimum[NE01] 4:7",
            "B-SUMMARY non_elective.minimum[NE01] 4:7",
            "FORMAT-UNKNOWN-KEY non_elective.minimum[NE01].colour 5:7",
            "A-KPIS non_elective.minimum[NE02] 6:7",
            "B-SUMMARY non_elective.minimum[NE02] 6:7",
        ])
    }

    func testIdenticalFindingsAreReportedOnce() throws {
        let rules = Fixture.rule("TWICE", """
        for each side in [plan.non_elective, plan.non_elective]
        for each s in side.minimum
        expect   s.summary exists
        subject  s.summary
        message  "{key(s)} has no summary"
        """)
        let out = try findings(rules, "format: srg-plan/1\nnon_elective:\n  minimum:\n    - requirement: NE01\n    - requirement: NE02\n")
        XCTAssertEqual(out.map(\.brief), ["TWICE non_elective.minimum[NE01].summary 4:7", "TWICE non_elective.minimum[NE02].summary 5:7"])
    }

    func testLetAndWhenSteps() throws {
        let rules = Fixture.rule("COSTED-HAS-LEAD", """
        for each s in plan.non_elective.minimum
        let c = s.cost
        when     c > £0
        expect   s.lead.email exists
        subject  s.lead.email
        message  "{key(s)} costs {c} but has no lead email"
        """)
        let out = try findings(rules, """
        format: srg-plan/1
        non_elective:
          minimum:
            - {requirement: NE01, cost: 0}
            - {requirement: NE02, cost: 1000}
            - {requirement: NE03}
            - {requirement: NE04, cost: 5, lead: {email: a@b.nhs.uk}}

        """)
        XCTAssertEqual(out.map(\.brief), ["COSTED-HAS-LEAD non_elective.minimum[NE02].lead.email 5:7"])
        XCTAssertEqual(out.first?.message, "NE02 costs £1,000 but has no lead email")
    }
}
