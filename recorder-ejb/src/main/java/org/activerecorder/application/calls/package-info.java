/**
 * The call-control connector boundary. The SIP Server speaks T-Lib, a closed protocol the recorder must not depend
 * on: a bridge translates. Call events come in through {@link org.activerecorder.application.calls.CallEvents} (REST and
 * the queue {@code CallEvents}, the same JSON: {@link org.activerecorder.application.calls.CallEventJson}), merge into
 * the call and are announced inside the recorder as {@link org.activerecorder.application.calls.CallFactsChanged}
 * with the {@link org.activerecorder.application.calls.CallFacts}; commands go out through
 * {@link org.activerecorder.application.calls.CallControl} as JSON a bridge turns into
 * {@code TRequestPrivateService}.
 */
package org.activerecorder.application.calls;
