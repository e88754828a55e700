<#import "viewgate-layout.ftl" as layout>
<#-- The deciders' queue. A decision is asked for here and confirmed on the next page (confirm), which says who gets
     which role and what the requester will read; only the confirmation's post decides. -->
<#if decided?? && decided.notice == "granted">
    <#assign noticeText = msg("viewgateNoticeGrantedTo", decided.grantedTier, decided.name, decided.username)>
<#elseif decided?? && decided.notice == "declined">
    <#assign noticeText = msg("viewgateNoticeDeclinedFor", decided.name, decided.username)>
<#else>
    <#assign noticeText = "">
</#if>
<@layout.page title=msg("viewgateQueueTitle") badge=count?c badgeLabel=msg("viewgatePendingCount", count?c)>
    <@layout.notices noticeText=noticeText errorTitle=msg("viewgateNothingDecided")/>

    <#if confirm??>
    <section class="viewgate-confirm viewgate-confirm-${confirm.action}" id="viewgate-confirm" aria-labelledby="viewgate-confirm-title">
        <#if confirm.action == "grant">
        <h2 class="viewgate-subtitle" id="viewgate-confirm-title">${msg("viewgateConfirmGrantTitle")}</h2>
        <p id="viewgate-confirm-text">${msg("viewgateConfirmGrant", confirm.grantedTier, confirm.name, confirm.username)}</p>
        <dl class="viewgate-facts">
            <dt>${msg("viewgateCurrentTier")}</dt>
            <dd id="viewgate-confirm-current"><#if confirm.currentTier?has_content>${confirm.currentTier}<#else>${msg("viewgateNone")}</#if></dd>
            <dt>${msg("viewgateNewTier")}</dt>
            <dd id="viewgate-confirm-new">${confirm.grantedTier}</dd>
            <dt>${msg("viewgateDesiredTier")}</dt>
            <dd><#if confirm.desiredTier?has_content>${confirm.desiredTier}<#else>${msg("viewgateNoPreference")}</#if></dd>
        </dl>
        <#if confirm.text?has_content>
        <p class="viewgate-quote-label">${msg("viewgateConfirmTheyWillRead", confirm.name)}</p>
        <p class="viewgate-pre viewgate-quote" id="viewgate-confirm-quote">${confirm.text}</p>
        <#else>
        <p class="viewgate-hint" id="viewgate-confirm-quote">${msg("viewgateConfirmNoNote")}</p>
        </#if>
        <#else>
        <h2 class="viewgate-subtitle" id="viewgate-confirm-title">${msg("viewgateConfirmDeclineTitle")}</h2>
        <p id="viewgate-confirm-text"><#if confirm.desiredTier?has_content>${msg("viewgateConfirmDeclineTier", confirm.name, confirm.username, confirm.desiredTier)}<#else>${msg("viewgateConfirmDecline", confirm.name, confirm.username)}</#if></p>
        <p id="viewgate-confirm-keeps"><#if confirm.currentTier?has_content>${msg("viewgateConfirmDeclineKeeps", confirm.currentTier)}<#else>${msg("viewgateConfirmDeclineKeepsNone")}</#if></p>
        <#if confirm.text?has_content>
        <p class="viewgate-quote-label">${msg("viewgateConfirmTheyWillRead", confirm.name)}</p>
        <p class="viewgate-pre viewgate-quote" id="viewgate-confirm-quote">${confirm.text}</p>
        <#else>
        <p class="viewgate-hint" id="viewgate-confirm-quote">${msg("viewgateConfirmNoReason")}</p>
        </#if>
        </#if>
        <form method="post" action="${queueUrl}" class="viewgate-actions">
            <input type="hidden" name="csrf" value="${csrf}">
            <input type="hidden" name="action" value="${confirm.action}">
            <input type="hidden" name="id" value="${confirm.id}">
            <input type="hidden" name="confirm" value="yes">
            <#if confirm.action == "grant">
            <input type="hidden" name="role" value="${confirm.role}">
            <input type="hidden" name="note" value="${confirm.text}">
            <button type="submit" id="viewgate-confirm-button" class="viewgate-button viewgate-button-primary">${msg("viewgateConfirmGrantButton", confirm.grantedTier, confirm.name)}</button>
            <#else>
            <input type="hidden" name="reason" value="${confirm.text}">
            <button type="submit" id="viewgate-confirm-button" class="viewgate-button viewgate-button-danger">${msg("viewgateConfirmDeclineButton", confirm.name)}</button>
            </#if>
            <a href="${queueUrl}" id="viewgate-confirm-cancel" class="viewgate-button viewgate-button-secondary">${msg("viewgateCancel")}</a>
        </form>
    </section>
    <#else>
    <p class="viewgate-hint" id="viewgate-queue-intro">${msg("viewgateQueueIntro")}</p>
    <#if requests?size == 0>
    <p id="viewgate-queue-empty">${msg("viewgateQueueEmpty")}</p>
    </#if>
    <#list requests as r>
    <#assign mine = (typed.id!"") == r.id>
    <article class="viewgate-request" id="viewgate-request-${r.id}" data-username="${r.username}" aria-labelledby="viewgate-requester-${r.id}">
        <h2 class="viewgate-subtitle viewgate-request-title"><span class="viewgate-requester" id="viewgate-requester-${r.id}">${r.name}</span> <span class="viewgate-hint viewgate-email">${r.email}</span></h2>
        <dl class="viewgate-facts">
            <dt>${msg("viewgateCurrentTier")}</dt>
            <dd class="viewgate-current"><#if r.currentTier?has_content>${r.currentTier}<#else>${msg("viewgateNone")}</#if></dd>
            <dt>${msg("viewgateDesiredTier")}</dt>
            <dd class="viewgate-desired"><#if r.desiredTier?has_content>${r.desiredTier}<#else>${msg("viewgateNoPreference")}</#if></dd>
            <dt>${msg("viewgateMessage")}</dt>
            <dd class="viewgate-pre viewgate-request-message">${r.message}</dd>
            <dt>${msg("viewgateAsked")}</dt>
            <dd class="viewgate-asked"><@layout.ago when=r.asked/></dd>
        </dl>
        <#if r.history?has_content>
        <details class="viewgate-history" id="viewgate-history-${r.id}" open>
            <summary>${msg("viewgateEarlierRequests", r.history?size?c)}</summary>
            <ul>
                <#list r.history as h>
                <li class="viewgate-history-entry viewgate-history-${h.status?lower_case}" id="viewgate-history-entry-${h.id}">
                    <span class="viewgate-history-status">${msg("viewgateStatus_" + h.status)}</span>
                    <#if h.decided??><@layout.ago when=h.decided/><#else><@layout.ago when=h.asked/></#if>
                    <#if h.desiredTier?has_content>· ${msg("viewgateAskedFor", h.desiredTier)}</#if>
                    <#if h.status == "GRANTED" && h.grantedTier?has_content>· ${msg("viewgateGrantedAs", h.grantedTier)}</#if>
                    <#-- Text people typed is never a message argument: Keycloak's msg() would read "${...}" in it as a message key. -->
                    <#if h.reason?has_content><span class="viewgate-pre viewgate-history-reason">${msg((h.status == "GRANTED")?then("viewgateHistoryNote", "viewgateHistoryReason"))} ${msg("viewgateQuoteOpen")}${h.reason}${msg("viewgateQuoteClose")}</span></#if>
                </li>
                </#list>
            </ul>
        </details>
        </#if>
        <#if r.own>
        <p class="viewgate-hint">${msg("viewgateError_self_decision")}</p>
        <#else>
        <div class="viewgate-decisions">
        <form method="post" action="${queueUrl}" class="viewgate-decision viewgate-grant">
            <input type="hidden" name="csrf" value="${csrf}">
            <input type="hidden" name="action" value="grant">
            <input type="hidden" name="id" value="${r.id}">
            <label for="viewgate-role-${r.id}">${msg("viewgateRoleToGrant")}</label>
            <select name="role" id="viewgate-role-${r.id}" aria-describedby="viewgate-role-hint-${r.id}">
                <#list grantable as option>
                <option value="${option.role}"<#if (mine && option.role == typed.role) || (!mine && option.role == r.suggestedRole)> selected</#if>>${option.label}</option>
                </#list>
            </select>
            <p class="viewgate-hint" id="viewgate-role-hint-${r.id}">${msg("viewgateRoleHint")}</p>
            <label for="viewgate-note-${r.id}">${msg("viewgateNoteLabel", r.name)}</label>
            <textarea name="note" id="viewgate-note-${r.id}" rows="2" maxlength="2000">${mine?then(typed.note!"", "")}</textarea>
            <button type="submit" class="viewgate-button viewgate-button-primary" id="viewgate-grant-${r.id}">${msg("viewgateGrant")}</button>
        </form>
        <form method="post" action="${queueUrl}" class="viewgate-decision viewgate-decline">
            <input type="hidden" name="csrf" value="${csrf}">
            <input type="hidden" name="action" value="decline">
            <input type="hidden" name="id" value="${r.id}">
            <label for="viewgate-reason-${r.id}">${msg("viewgateReasonLabel", r.name)}</label>
            <textarea name="reason" id="viewgate-reason-${r.id}" rows="2" maxlength="2000">${mine?then(typed.reason!"", "")}</textarea>
            <button type="submit" class="viewgate-button viewgate-button-secondary" id="viewgate-decline-${r.id}">${msg("viewgateDecline")}</button>
        </form>
        </div>
        </#if>
    </article>
    </#list>
    <#if requests?size != 0>
    <nav class="viewgate-pager" id="viewgate-queue-pager" aria-label="${msg("viewgateQueuePages")}">
        <span class="viewgate-hint" id="viewgate-queue-range">${msg("viewgateQueueRange", range.from?c, range.to?c, count?c)}</span>
        <#if range.previousUrl?has_content><a href="${range.previousUrl}" id="viewgate-queue-previous" class="viewgate-button viewgate-button-secondary">${msg("viewgateQueuePrevious")}</a></#if>
        <#if range.nextUrl?has_content><a href="${range.nextUrl}" id="viewgate-queue-next" class="viewgate-button viewgate-button-secondary">${msg("viewgateQueueNext")}</a></#if>
    </nav>
    </#if>
    </#if>
</@layout.page>
