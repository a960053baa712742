package org.activerecorder.interfaces.web;

import org.activerecorder.domain.model.dn.DnSettings;
import org.activerecorder.domain.model.rule.RuleDraft;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The validation's own sentences land at the form fields they are about; none is dropped. */
class FieldProblemsTest {

    @Test
    void theRuleValidationsProblemsLandAtTheirFields() {
        RuleForm form = new RuleForm();
        form.setPriority("ten");
        form.setSamplingPercent("120");
        form.setFileNameTemplate("{nope}");
        form.setDays("MON, FUNDAY");
        form.setUserDataValue("win*");
        List<String> problems = new ArrayList<>();

        form.draft(problems);
        FieldProblems placed = new FieldProblems(RuleForm.FIELDS, problems);

        assertEquals("name is missing", placed.of("name"));
        assertEquals("priority must be a whole number, not 'ten'", placed.of("priority"),
                "and not also 'priority is missing'");
        assertEquals("samplingPercent must be from 0 to 100, not 120", placed.of("samplingPercent"));
        assertTrue(placed.of("fileNameTemplate").contains("unknown placeholder {nope}"), placed.of("fileNameTemplate"));
        assertTrue(placed.of("days").contains("'FUNDAY' is not a day"), placed.of("days"));
        assertEquals("userDataValue needs userDataKey", placed.of("userDataValue"));
        assertEquals("", placed.of("dn"));
        assertFalse(placed.has("dn"));
        assertEquals(List.of(), placed.getGeneral());
    }

    @Test
    void aDnProblemWrittenWithCapitalsIsTheDnFieldsAndAnUnknownOneIsShownAboveTheForm() {
        List<String> problems = new ArrayList<>(new DnSettings("no spaces", "desk", true, null, 0).problems());
        problems.add("the configuration changed meanwhile");

        FieldProblems placed = new FieldProblems(List.of("dn", "type", "alwaysRecorded", "description",
                "retentionDays"), problems);

        assertTrue(placed.of("dn").startsWith("DN must be 1 to 64"), placed.of("dn"));
        assertTrue(placed.of("type").startsWith("type must be one of"), placed.of("type"));
        assertEquals("retentionDays must be at least 1, not 0", placed.of("retentionDays"));
        assertEquals(List.of("the configuration changed meanwhile"), placed.getGeneral());
    }

    @Test
    void theSampleCallsOwnProblemsLandAtTheirFields() {
        SampleCallForm sample = new SampleCallForm();
        sample.setUserData("campaign=winter\nnot a pair");
        sample.setAt("yesterday");
        List<String> problems = new ArrayList<>();

        sample.sample(problems);
        FieldProblems placed = new FieldProblems(SampleCallForm.FIELDS, problems);

        assertEquals("userData: 'not a pair' is not key=value", placed.of("userData"));
        assertTrue(placed.of("at").startsWith("at: 'yesterday'"), placed.of("at"));
    }

    @Test
    void aValidFormGivesTheDraftAsTyped() {
        RuleForm form = new RuleForm();
        form.setName("Sales");
        form.setPriority(" 20 ");
        form.setDn("10*");
        form.setDays("MON TUE");
        form.setTimeZone("Europe/Paris");
        List<String> problems = new ArrayList<>();

        RuleDraft draft = form.draft(problems);

        assertEquals(List.of(), problems);
        assertEquals(20, draft.priority());
        assertEquals(List.of("MON", "TUE"), draft.days());
        assertEquals(null, draft.ani(), "an empty field is a criterion not given");
    }
}
