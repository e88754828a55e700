<#import "viewgate-layout.ftl" as layout>
<@layout.page title=msg("viewgateQueueTitle")>
    <p><span class="viewgate-badge" id="viewgate-pending-count">${count?c}</span> ${msg("viewgatePendingRequests")}</p>
    <#if notice??>
    <p class="viewgate-notice" id="viewgate-notice" role="status">${msg("viewgateNotice_" + notice)}</p>
    </#if>
    <#if errorKey??>
    <p class="viewgate-error" id="viewgate-error" role="alert">${msg(errorKey)}</p>
    </#if>
    <#if requests?size == 0>
    <p id="viewgate-queue-empty">${msg("viewgateQueueEmpty")}</p>
    </#if>
    <#list requests as r>
    <article class="viewgate-request" id="viewgate-request-${r.id}" data-username="${r.username}">
        <h2 class="pf-v5-c-title pf-m-md"><span class="viewgate-requester">${r.name}</span> <span class="viewgate-hint">${r.email}</span></h2>
        <dl class="viewgate-facts">
            <dt>${msg("viewgateCurrentTier")}</dt>
            <dd><#if r.currentTier?has_content>${r.currentTier}<#else>${msg("viewgateNone")}</#if></dd>
            <dt>${msg("viewgateDesiredTier")}</dt>
            <dd class="viewgate-desired"><#if r.desiredTier?has_content>${r.desiredTier}<#else>${msg("viewgateNoPreference")}</#if></dd>
            <dt>${msg("viewgateMessage")}</dt>
            <dd class="viewgate-pre viewgate-request-message">${r.message}</dd>
            <dt>${msg("viewgateAsked")}</dt>
            <dd><#if r.ageMinutes lt 60>${msg("viewgateAgeMinutes", r.ageMinutes?c)}<#elseif r.ageMinutes lt 2880>${msg("viewgateAgeHours", (r.ageMinutes / 60)?floor?c)}<#else>${msg("viewgateAgeDays", (r.ageMinutes / 1440)?floor?c)}</#if></dd>
        </dl>
        <#if r.own>
        <p class="viewgate-hint">${msg("viewgateError_self_decision")}</p>
        <#else>
        <form method="post" action="${queueUrl}" class="viewgate-decision viewgate-grant">
            <input type="hidden" name="csrf" value="${csrf}">
            <input type="hidden" name="action" value="grant">
            <input type="hidden" name="id" value="${r.id}">
            <select name="role" class="pf-v5-c-form-control" aria-label="${msg("viewgateRoleToGrant")}">
                <#list grantable as option>
                <option value="${option.role}"<#if option.role == r.desiredRole> selected</#if>>${option.label}</option>
                </#list>
            </select>
            <input type="text" name="note" maxlength="2000" class="pf-v5-c-form-control" placeholder="${msg("viewgateNote")}">
            <button type="submit" class="pf-v5-c-button pf-m-primary viewgate-button">${msg("viewgateGrant")}</button>
        </form>
        <form method="post" action="${queueUrl}" class="viewgate-decision viewgate-decline">
            <input type="hidden" name="csrf" value="${csrf}">
            <input type="hidden" name="action" value="decline">
            <input type="hidden" name="id" value="${r.id}">
            <input type="text" name="reason" maxlength="2000" class="pf-v5-c-form-control" placeholder="${msg("viewgateReason")}">
            <button type="submit" class="pf-v5-c-button pf-m-secondary viewgate-button">${msg("viewgateDecline")}</button>
        </form>
        </#if>
    </article>
    </#list>
</@layout.page>
