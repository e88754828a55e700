<#import "viewgate-layout.ftl" as layout>
<@layout.page title=msg("viewgateViewAsTitle")>
    <#if errorKey??>
    <p class="viewgate-error" id="viewgate-error" role="alert">${msg(errorKey)}</p>
    </#if>
    <p>${msg("viewgateViewAsIntro")}</p>
    <#if active>
    <p id="viewgate-view-as-active">${msg("viewgateViewAsActive")}</p>
    <#else>
        <#if tiers?size gt 0>
        <h2 class="pf-v5-c-title pf-m-lg">${msg("viewgateViewAsTier")}</h2>
        <div class="viewgate-options" id="viewgate-tier-options">
            <#list tiers as tier>
            <form method="post" action="${selectUrl}" class="viewgate-inline">
                <input type="hidden" name="csrf" value="${csrf}">
                <input type="hidden" name="client_id" value="${clientId}">
                <input type="hidden" name="redirect_uri" value="${redirectUri}">
                <input type="hidden" name="tier" value="${tier.level?c}">
                <button type="submit" class="pf-v5-c-button pf-m-secondary viewgate-button" id="viewgate-tier-${tier.level?c}">${tier.label}</button>
            </form>
            </#list>
        </div>
        <#else>
        <p id="viewgate-view-as-none">${msg("viewgateViewAsNone")}</p>
        </#if>
        <#if userOption>
        <h2 class="pf-v5-c-title pf-m-lg">${msg("viewgateViewAsMember")}</h2>
        <form method="get" action="${selectUrl}" class="viewgate-decision">
            <input type="hidden" name="client_id" value="${clientId}">
            <input type="hidden" name="redirect_uri" value="${redirectUri}">
            <input type="search" name="q" value="${search}" id="viewgate-member-search" class="pf-v5-c-form-control" placeholder="${msg("viewgateSearchMembers")}">
            <button type="submit" class="pf-v5-c-button pf-m-secondary viewgate-button" id="viewgate-member-search-button">${msg("viewgateSearch")}</button>
        </form>
        <ul class="viewgate-members" id="viewgate-members">
            <#list members as member>
            <li>
                <form method="post" action="${selectUrl}" class="viewgate-inline">
                    <input type="hidden" name="csrf" value="${csrf}">
                    <input type="hidden" name="client_id" value="${clientId}">
                    <input type="hidden" name="redirect_uri" value="${redirectUri}">
                    <input type="hidden" name="user" value="${member.id}">
                    <button type="submit" class="pf-v5-c-button pf-m-link viewgate-button" id="viewgate-member-${member.username}">${member.name} (${member.username}) · ${member.tier}</button>
                </form>
            </li>
            </#list>
        </ul>
        </#if>
    </#if>
</@layout.page>
