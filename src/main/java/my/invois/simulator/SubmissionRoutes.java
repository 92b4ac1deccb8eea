package my.invois.simulator;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;

/** POST /api/v1.0/documentsubmissions and GET …/{submissionUid} (reference §2.1–2.4). */
final class SubmissionRoutes {

    static final String PATH = "/api/v1.0/documentsubmissions";

    private final Submissions submissions;
    private final DocumentRepository documents;
    private final Budgets budgets;
    private final FaultInjector faults;

    SubmissionRoutes(Submissions submissions, DocumentRepository documents, Budgets budgets, FaultInjector faults) {
        this.submissions = submissions;
        this.documents = documents;
        this.budgets = budgets;
        this.faults = faults;
    }

    void register(RoutesConfig routes) {
        routes.post(PATH, this::submit);
        routes.get(PATH + "/{submissionUid}", this::get);
    }

    private void submit(Context ctx) {
        Session session = Requests.session(ctx);
        budgets.charge(session.clientId(), Api.SUBMIT);
        Submissions.Outcome outcome = submissions.submit(session, ctx.bodyAsBytes());
        faults.afterAccepting();
        var body = new LinkedHashMap<String, Object>();
        body.put("submissionUid", outcome.submissionUid());
        // The SDK's table spells it submissionUID; real answers submissionUid (reference §0 row 6).
        body.put("submissionUID", outcome.submissionUid());
        body.put("acceptedDocuments", outcome.accepted());
        body.put("rejectedDocuments", outcome.rejected());
        ctx.status(202).json(body);
    }

    private void get(Context ctx) {
        Session session = Requests.session(ctx);
        budgets.charge(session.clientId(), Api.GET_SUBMISSION);
        String uid = ctx.pathParam("submissionUid");
        int pageNo = Requests.integer(ctx, "pageNo", 1, 1, Integer.MAX_VALUE / 100);
        int pageSize = Requests.integer(ctx, "pageSize", 100, 1, 100);
        Instant received = submissions.receivedAt(session, uid)
                .orElseThrow(() -> LhdnException.notFound("No submission " + uid + " of this taxpayer by this client"));
        List<Object> summaries = documents.ofSubmission(uid, pageNo, pageSize).stream().map(d -> (Object) Summaries.of(d)).toList();
        var body = new LinkedHashMap<String, Object>();
        body.put("submissionUid", uid);
        body.put("documentCount", submissions.documentCount(uid));
        body.put("dateTimeReceived", Summaries.time(received));
        body.put("overallStatus", submissions.overallStatus(uid));
        body.put("documentSummary", summaries);
        ctx.json(body);
    }
}
