/**
 * The call-control connector boundary. The SIP Server speaks T-Lib, a closed protocol the recorder must not depend
 * on: a bridge translates. Call events come in ({@link org.activerecorder.application.calls.CallFacts}, announced
 * inside the recorder as {@link org.activerecorder.application.calls.CallFactsChanged}); commands go out through
 * {@link org.activerecorder.application.calls.CallControl} as JSON a bridge turns into
 * {@code TRequestPrivateService}.
 */
package org.activerecorder.application.calls;
